package io.fleetgate.netpol;

/**
 * One end of a connection: a workload's pods, or a range of addresses outside the cluster. Named as
 * netpol-analyzer names them.
 */
public sealed interface Endpoint extends Comparable<Endpoint> {

  /** {@code namespace/name[Kind]} or {@code a.b.c.d-e.f.g.h}. */
  String name();

  @Override
  default int compareTo(Endpoint o) {
    return name().compareTo(o.name());
  }

  /** A workload: every replica is this one endpoint. */
  record Pods(String namespace, String workload, String kind) implements Endpoint {
    @Override
    public String name() {
      return namespace + "/" + workload + "[" + kind + "]";
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /** Addresses that no policy boundary cuts. */
  record Addresses(IpRange range) implements Endpoint {
    @Override
    public String name() {
      return range.toString();
    }

    @Override
    public String toString() {
      return name();
    }
  }
}
