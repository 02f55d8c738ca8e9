package io.fleetgate.netpol;

/**
 * One entry of a rule's {@code ports} list.
 *
 * @param protocol TCP when the manifest names none
 * @param match which ports of that protocol
 */
public record PolicyPort(Protocol protocol, Match match) {

  /** Every port of the protocol. */
  public static PolicyPort all(Protocol protocol) {
    return new PolicyPort(protocol, new Match.All());
  }

  /** A port number, or a range when {@code endPort} is given. */
  public static PolicyPort range(Protocol protocol, int port, int endPort) {
    return new PolicyPort(protocol, new Match.Range(PortRanges.of(port, endPort)));
  }

  /** A named port, resolved against the destination pod's container ports. */
  public static PolicyPort named(Protocol protocol, String name) {
    return new PolicyPort(protocol, new Match.Named(name));
  }

  /** Which ports of the protocol a policy port means. */
  public sealed interface Match {
    /** No {@code port}: every port. */
    record All() implements Match {}

    /** A number, with {@code endPort} a range. */
    record Range(PortRanges ports) implements Match {}

    /** A container port name (IANA_SVC_NAME). */
    record Named(String name) implements Match {}
  }

  /** The ports this entry allows to a destination with the given container ports. */
  ConnectionSet resolve(java.util.List<ContainerPort> destination) {
    return switch (match) {
      case Match.All all -> ConnectionSet.of(protocol, PortRanges.ALL);
      case Match.Range range -> ConnectionSet.of(protocol, range.ports());
      case Match.Named named -> {
        ConnectionSet found = ConnectionSet.NONE;
        for (ContainerPort port : destination) {
          if (named.name().equals(port.name()) && port.protocol() == protocol) {
            found = found.union(ConnectionSet.of(protocol, port.port()));
          }
        }
        yield found;
      }
    };
  }
}
