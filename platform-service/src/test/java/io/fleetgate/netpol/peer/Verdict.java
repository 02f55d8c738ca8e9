package io.fleetgate.netpol.peer;

/**
 * One cell of a probe: may {@code source} reach {@code destination} on {@code probe}? Cyclonus
 * reports the ingress side (at the destination), the egress side (at the source) and both together.
 */
record Verdict(
    PodRef source,
    PodRef destination,
    PortProtocol probe,
    Connectivity ingress,
    Connectivity egress,
    Connectivity combined) {

  Cell cell() {
    return new Cell(source, destination, probe);
  }

  /** The coordinates of a verdict. */
  record Cell(PodRef source, PodRef destination, PortProtocol probe) implements Comparable<Cell> {
    boolean toItself() {
      return source.equals(destination);
    }

    @Override
    public int compareTo(Cell other) {
      int c = source.compareTo(other.source);
      if (c == 0) {
        c = destination.compareTo(other.destination);
      }
      return c != 0 ? c : probe.compareTo(other.probe);
    }

    @Override
    public String toString() {
      return source + " -> " + destination + " " + probe;
    }
  }
}
