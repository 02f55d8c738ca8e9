package io.fleetgate.netpol;

import java.util.List;

/**
 * One ingress or egress rule: traffic with any of the peers on any of the ports.
 *
 * @param peers the rule's {@code from}/{@code to}; empty means every source or destination
 * @param ports the rule's {@code ports}; empty means every port of every protocol
 */
public record Rule(List<Peer> peers, List<PolicyPort> ports) {

  public Rule {
    peers = List.copyOf(peers);
    ports = List.copyOf(ports);
  }

  public boolean anyPeer() {
    return peers.isEmpty();
  }

  /** What the rule allows to a destination with these container ports. */
  ConnectionSet connections(List<ContainerPort> destination) {
    if (ports.isEmpty()) {
      return ConnectionSet.ALL;
    }
    ConnectionSet allowed = ConnectionSet.NONE;
    for (PolicyPort port : ports) {
      allowed = allowed.union(port.resolve(destination));
    }
    return allowed;
  }

  /** Whether the rule's ports depend on the destination (it names a port). */
  boolean namesPorts() {
    return ports.stream().anyMatch(p -> p.match() instanceof PolicyPort.Match.Named);
  }
}
