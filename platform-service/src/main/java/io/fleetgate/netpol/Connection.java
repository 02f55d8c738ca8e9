package io.fleetgate.netpol;

/** What one endpoint may open to another; never empty in results. */
public record Connection(Endpoint src, Endpoint dst, ConnectionSet conn)
    implements Comparable<Connection> {

  /** By source name, then destination name. */
  @Override
  public int compareTo(Connection o) {
    int c = src.name().compareTo(o.src.name());
    return c != 0 ? c : dst.name().compareTo(o.dst.name());
  }

  @Override
  public String toString() {
    return src.name() + " => " + dst.name() + " : " + conn;
  }
}
