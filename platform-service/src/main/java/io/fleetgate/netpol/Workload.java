package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * The pods of one workload (every replica alike): a Pod, or a controller's pod template.
 *
 * @param kind the workload's kind as named in results ({@code Deployment}, or {@code Pod} for a
 *     bare pod)
 * @param labels the pods' labels (the template's, not the controller's own)
 * @param ports the pods' container ports
 * @param source where it is declared
 */
public record Workload(
    String namespace,
    String name,
    String kind,
    Map<String, String> labels,
    List<ContainerPort> ports,
    SourceLocation source) {

  public Workload {
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }

  public Endpoint.Pods endpoint() {
    return new Endpoint.Pods(namespace, name, kind);
  }
}
