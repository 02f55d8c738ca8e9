package io.fleetgate.netpol.peer;

/** One probed destination port, written {@code 80/TCP}. */
record PortProtocol(int port, Protocol protocol) implements Comparable<PortProtocol> {

  PortProtocol {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Port " + port + " is outside 1-65535");
    }
  }

  /** Parses {@code 80/TCP}; the protocol is required. */
  static PortProtocol parse(String text) {
    String[] parts = text.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a probe; write PORT/PROTOCOL, e.g. 80/TCP");
    }
    try {
      return new PortProtocol(Integer.parseInt(parts[0]), Protocol.parse(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' has no port number; write PORT/PROTOCOL, e.g. 80/TCP", e);
    }
  }

  @Override
  public int compareTo(PortProtocol other) {
    int byProtocol = protocol.compareTo(other.protocol);
    return byProtocol != 0 ? byProtocol : Integer.compare(port, other.port);
  }

  @Override
  public String toString() {
    return port + "/" + protocol;
  }
}
