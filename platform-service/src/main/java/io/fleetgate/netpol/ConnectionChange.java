package io.fleetgate.netpol;

/**
 * How what one endpoint may open to another differs between two analyses.
 *
 * @param before what was allowed ({@link ConnectionSet#NONE} when nothing)
 * @param after what is allowed now
 */
public record ConnectionChange(
    Endpoint src, Endpoint dst, ConnectionSet before, ConnectionSet after)
    implements Comparable<ConnectionChange> {

  /** What is allowed now and was not. */
  public ConnectionSet opened() {
    return after.minus(before);
  }

  /** What was allowed and is not any more. */
  public ConnectionSet closed() {
    return before.minus(after);
  }

  @Override
  public int compareTo(ConnectionChange o) {
    int c = src.name().compareTo(o.src.name());
    return c != 0 ? c : dst.name().compareTo(o.dst.name());
  }

  /** {@code opens a => b TCP 5432}, {@code closes a => b UDP 53}, or both joined by {@code ;}. */
  @Override
  public String toString() {
    String path = src.name() + " => " + dst.name();
    ConnectionSet opened = opened();
    ConnectionSet closed = closed();
    if (closed.isEmpty()) {
      return "opens " + path + " " + opened;
    }
    if (opened.isEmpty()) {
      return "closes " + path + " " + closed;
    }
    return "opens " + path + " " + opened + "; closes " + closed;
  }
}
