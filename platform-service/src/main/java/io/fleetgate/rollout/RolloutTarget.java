package io.fleetgate.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rollout brings each node to: a Kubernetes version (through Cluster API), a kernel, an OS
 * image. Each part is optional; at least one is named.
 */
public record RolloutTarget(
    Optional<String> kubernetesVersion, Optional<String> kernelVersion, Optional<String> osImage) {

  /** {@code Kubernetes v1.34.4, kernel 6.8.0-88-generic}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    kubernetesVersion.ifPresent(v -> parts.add("Kubernetes " + v));
    kernelVersion.ifPresent(v -> parts.add("kernel " + v));
    osImage.ifPresent(v -> parts.add("OS image " + v));
    return String.join(", ", parts);
  }
}
