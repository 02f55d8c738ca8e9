package io.fleetgate.netpol.peer;

import java.util.List;
import java.util.Map;

/** A pod of a scenario: where it runs, its labels, its IP and the ports its containers serve. */
record ModelPod(PodRef ref, Map<String, String> labels, String ip, List<ContainerPort> ports) {

  /** Whether a container declares this port number, whatever its protocol. */
  boolean serves(int port) {
    return ports.stream().anyMatch(p -> p.port() == port);
  }
}
