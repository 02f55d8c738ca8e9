package io.fleetgate.patch;

import java.util.Comparator;

/**
 * A combination of Kubernetes (kubelet) version, kernel and OS image: one row of a cluster in the
 * matrix.
 */
public record PatchLevel(String kubernetesVersion, String kernelVersion, String osImage) {

  /** Kubernetes version, then kernel, then OS image, each in {@link VersionOrder}. */
  static final Comparator<PatchLevel> ORDER =
      Comparator.comparing(PatchLevel::kubernetesVersion, VersionOrder.INSTANCE)
          .thenComparing(PatchLevel::kernelVersion, VersionOrder.INSTANCE)
          .thenComparing(PatchLevel::osImage, VersionOrder.INSTANCE);
}
