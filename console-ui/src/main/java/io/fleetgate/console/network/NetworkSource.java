package io.fleetgate.console.network;

import java.util.List;

/**
 * Where the Network view reads reachability from (the platform's API); may block on the network. A
 * null revision means the revision the cluster's latest sync applied.
 */
public interface NetworkSource {

  /** The clusters of the fleet, by name. */
  List<String> clusters();

  /** The revisions the platform fetched, newest first. */
  List<Revision> revisions();

  Picture reachability(String cluster, String revision);

  Explanation explain(String cluster, String revision, String src, String dst);

  Diff diff(String cluster, String from, String to);

  /** A commit: its id and the first line of its message. */
  record Revision(String commit, String message) {}

  /** A namespace; protected when it carries the protected label. */
  record Group(String namespace, boolean protectedNamespace) {}

  /** A workload: {@code endpoint} is {@code namespace/name[Kind]}. */
  record Node(String endpoint, String namespace, String name, String kind) {}

  record Port(String protocol, int from, int to) {}

  /**
   * An allowed connection; an end that is no workload is an address range outside the cluster.
   *
   * @param conn {@code All Connections} or e.g. {@code TCP 80,UDP 53}
   */
  record Edge(String src, String dst, String conn, List<Port> ports) {
    public Edge {
      ports = List.copyOf(ports);
    }
  }

  /**
   * @param kind e.g. {@code no-default-deny}
   * @param subject {@code namespace payments} or {@code NetworkPolicy payments/web}
   */
  record Finding(String kind, String severity, String subject, String message) {}

  record Picture(
      String cluster,
      String commit,
      List<Group> groups,
      List<Node> nodes,
      List<Edge> edges,
      List<Finding> findings) {
    public Picture {
      groups = List.copyOf(groups);
      nodes = List.copyOf(nodes);
      edges = List.copyOf(edges);
      findings = List.copyOf(findings);
    }
  }

  /** Why one endpoint may or may not reach another, as {@code fleetgate netpol explain} says. */
  record Explanation(String src, String dst, boolean allowed, String conn, String text) {}

  /**
   * @param opened what the pair may open now and could not before, or ""
   * @param closed what it lost, or ""
   * @param allowedBy the rules that open it
   */
  record Change(
      String src,
      String dst,
      String opened,
      String closed,
      List<String> allowedBy,
      List<String> previouslyAllowedBy) {}

  record Diff(
      String from, String to, int opened, int closed, boolean truncated, List<Change> changes) {
    public Diff {
      changes = List.copyOf(changes);
    }
  }
}
