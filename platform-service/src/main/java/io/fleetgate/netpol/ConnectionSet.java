package io.fleetgate.netpol;

import java.util.Arrays;

/**
 * The protocols and ports allowed from one endpoint to another. Immutable; {@link #ALL} and {@link
 * #NONE} are the two ends.
 */
public final class ConnectionSet {

  private static final Protocol[] PROTOCOLS = Protocol.values();

  public static final ConnectionSet NONE = new ConnectionSet(filled(PortRanges.NONE));
  public static final ConnectionSet ALL = new ConnectionSet(filled(PortRanges.ALL));

  /** Indexed by {@link Protocol#ordinal()}. */
  private final PortRanges[] ports;

  private ConnectionSet(PortRanges[] ports) {
    this.ports = ports;
  }

  private static PortRanges[] filled(PortRanges ranges) {
    PortRanges[] all = new PortRanges[PROTOCOLS.length];
    Arrays.fill(all, ranges);
    return all;
  }

  /** The given ports of one protocol. */
  public static ConnectionSet of(Protocol protocol, PortRanges ranges) {
    PortRanges[] ports = filled(PortRanges.NONE);
    ports[protocol.ordinal()] = ranges;
    return canonical(ports);
  }

  /** One port of one protocol. */
  public static ConnectionSet of(Protocol protocol, int port) {
    return of(protocol, PortRanges.single(port));
  }

  public PortRanges ports(Protocol protocol) {
    return ports[protocol.ordinal()];
  }

  public boolean allows(Protocol protocol, int port) {
    return ports[protocol.ordinal()].contains(port);
  }

  public boolean isEmpty() {
    return this == NONE;
  }

  public boolean isAll() {
    return this == ALL;
  }

  public ConnectionSet union(ConnectionSet other) {
    if (isAll() || other.isEmpty()) {
      return this;
    }
    if (isEmpty() || other.isAll()) {
      return other;
    }
    PortRanges[] out = new PortRanges[PROTOCOLS.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ports[i].union(other.ports[i]);
    }
    return canonical(out);
  }

  public ConnectionSet intersect(ConnectionSet other) {
    if (isAll() || other.isEmpty()) {
      return other;
    }
    if (isEmpty() || other.isAll()) {
      return this;
    }
    PortRanges[] out = new PortRanges[PROTOCOLS.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ports[i].intersect(other.ports[i]);
    }
    return canonical(out);
  }

  /** What this set allows and {@code other} does not. */
  public ConnectionSet minus(ConnectionSet other) {
    if (other.isEmpty() || isEmpty()) {
      return this;
    }
    PortRanges[] out = new PortRanges[PROTOCOLS.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ports[i].minus(other.ports[i]);
    }
    return canonical(out);
  }

  /** Whether every connection of {@code other} is also in this set. */
  public boolean contains(ConnectionSet other) {
    return other.minus(this).isEmpty();
  }

  private static ConnectionSet canonical(PortRanges[] ports) {
    boolean none = true;
    boolean all = true;
    for (PortRanges p : ports) {
      none &= p.isEmpty();
      all &= p.isAll();
    }
    if (none && NONE != null) {
      return NONE;
    }
    if (all && ALL != null) {
      return ALL;
    }
    return new ConnectionSet(ports);
  }

  /**
   * The form netpol-analyzer writes: {@code All Connections}, {@code No Connections}, or each
   * protocol with ports, alphabetically: {@code SCTP 7070,TCP 8080-8081,UDP 9090}.
   */
  @Override
  public String toString() {
    if (isAll()) {
      return "All Connections";
    }
    if (isEmpty()) {
      return "No Connections";
    }
    StringBuilder text = new StringBuilder();
    for (Protocol protocol : PROTOCOLS) {
      PortRanges p = ports[protocol.ordinal()];
      if (p.isEmpty()) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(protocol.name()).append(' ').append(p);
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionSet other && Arrays.equals(ports, other.ports);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ports);
  }
}
