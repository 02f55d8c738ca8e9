package io.fleetgate.console.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the graph and the matrix show of a picture under a filter, and of a diff: pure, so the view
 * model's logic is tested without a screen.
 */
public final class NetworkGraph {

  /** How an edge differs between the two revisions of a diff. */
  public enum Change {
    UNCHANGED,
    OPENED,
    CLOSED
  }

  /** An edge as drawn: its label, and how a diff changed it. */
  public record DrawnEdge(String src, String dst, String label, Change change) {}

  /**
   * @param namespace "all" or one namespace: only edges with an end in it
   * @param port "" or e.g. {@code 5432}, {@code tcp 5432}, {@code udp}: only edges allowing it
   * @param finding "all" or a finding kind: only workloads of the namespaces it is about
   */
  public record Filter(String namespace, String port, String finding) {
    public static final Filter NONE = new Filter("all", "", "all");
  }

  private NetworkGraph() {}

  /** The picture with only what the filter lets through (nodes kept if an edge reaches them). */
  public static NetworkSource.Picture filtered(NetworkSource.Picture picture, Filter filter) {
    Set<String> namespaces = findingNamespaces(picture, filter.finding());
    Map<String, NetworkSource.Node> nodes = new LinkedHashMap<>();
    picture.nodes().forEach(n -> nodes.put(n.endpoint(), n));
    List<NetworkSource.Edge> edges = new ArrayList<>();
    for (NetworkSource.Edge e : picture.edges()) {
      if (inNamespace(e, filter.namespace())
          && allowsPort(e, filter.port())
          && (namespaces == null
              || namespaces.contains(namespaceOf(e.src()))
              || namespaces.contains(namespaceOf(e.dst())))) {
        edges.add(e);
      }
    }
    Set<String> kept = new LinkedHashSet<>();
    for (NetworkSource.Node n : picture.nodes()) {
      boolean byNamespace =
          "all".equals(filter.namespace()) || n.namespace().equals(filter.namespace());
      boolean byFinding = namespaces == null || namespaces.contains(n.namespace());
      boolean byPort = filter.port().isBlank();
      if (byNamespace && byFinding && byPort) {
        kept.add(n.endpoint());
      }
    }
    edges.forEach(
        e -> {
          kept.add(e.src());
          kept.add(e.dst());
        });
    List<NetworkSource.Node> keptNodes = new ArrayList<>();
    for (String k : kept) {
      if (nodes.containsKey(k)) {
        keptNodes.add(nodes.get(k));
      }
    }
    Set<String> keptNamespaces = new java.util.HashSet<>();
    keptNodes.forEach(n -> keptNamespaces.add(n.namespace()));
    return new NetworkSource.Picture(
        picture.cluster(),
        picture.commit(),
        picture.groups().stream().filter(g -> keptNamespaces.contains(g.namespace())).toList(),
        keptNodes,
        edges,
        picture.findings());
  }

  /** The namespaces findings of a kind are about, or null for "all". */
  private static Set<String> findingNamespaces(NetworkSource.Picture picture, String kind) {
    if (kind == null || "all".equals(kind)) {
      return null;
    }
    Set<String> namespaces = new java.util.HashSet<>();
    for (NetworkSource.Finding f : picture.findings()) {
      if (!f.kind().equals(kind)) {
        continue;
      }
      String subject = f.subject();
      String last = subject.substring(subject.lastIndexOf(' ') + 1);
      namespaces.add(last.contains("/") ? last.substring(0, last.indexOf('/')) : last);
    }
    return namespaces;
  }

  private static boolean inNamespace(NetworkSource.Edge e, String namespace) {
    return namespace == null
        || "all".equals(namespace)
        || namespace.equals(namespaceOf(e.src()))
        || namespace.equals(namespaceOf(e.dst()));
  }

  /** A workload's namespace, or "" for an address range. */
  public static String namespaceOf(String endpoint) {
    int slash = endpoint.indexOf('/');
    return slash < 0 ? "" : endpoint.substring(0, slash);
  }

  /**
   * Whether the edge allows what the port filter names: a number, a protocol, or both ({@code tcp
   * 5432}); blank lets everything through. Text that is neither matches nothing.
   */
  public static boolean allowsPort(NetworkSource.Edge e, String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String protocol = null;
    Integer port = null;
    for (String word : filter.strip().toUpperCase(Locale.ROOT).split("[\\s/:]+")) {
      if (word.matches("\\d{1,5}")) {
        port = Integer.parseInt(word);
      } else if (word.equals("TCP") || word.equals("UDP") || word.equals("SCTP")) {
        protocol = word;
      } else {
        return false;
      }
    }
    for (NetworkSource.Port p : e.ports()) {
      if ((protocol == null || protocol.equals(p.protocol()))
          && (port == null || (p.from() <= port && port <= p.to()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The edges to draw: the picture's, marked where the diff opened something, plus the ones the
   * diff closed entirely. Without a diff every edge is unchanged.
   */
  public static List<DrawnEdge> drawn(NetworkSource.Picture picture, NetworkSource.Diff diff) {
    Map<String, NetworkSource.Change> changes = new HashMap<>();
    if (diff != null) {
      diff.changes().forEach(c -> changes.put(c.src() + "\n" + c.dst(), c));
    }
    List<DrawnEdge> edges = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (NetworkSource.Edge e : picture.edges()) {
      String key = e.src() + "\n" + e.dst();
      seen.add(key);
      NetworkSource.Change c = changes.get(key);
      if (c == null) {
        edges.add(new DrawnEdge(e.src(), e.dst(), e.conn(), Change.UNCHANGED));
      } else if (!c.opened().isEmpty()) {
        edges.add(
            new DrawnEdge(e.src(), e.dst(), "+ " + c.opened() + closedSuffix(c), Change.OPENED));
      } else {
        edges.add(
            new DrawnEdge(e.src(), e.dst(), e.conn() + " (− " + c.closed() + ")", Change.CLOSED));
      }
    }
    if (diff != null) {
      for (NetworkSource.Change c : diff.changes()) {
        if (!seen.contains(c.src() + "\n" + c.dst()) && !c.closed().isEmpty()) {
          edges.add(new DrawnEdge(c.src(), c.dst(), "− " + c.closed(), Change.CLOSED));
        }
      }
    }
    return edges;
  }

  private static String closedSuffix(NetworkSource.Change c) {
    return c.closed().isEmpty() ? "" : "  − " + c.closed();
  }

  /** Who can reach the endpoint, with what: {@code ns/a[Deployment] TCP 80}. */
  public static List<String> reaching(NetworkSource.Picture picture, String endpoint) {
    return picture.edges().stream()
        .filter(e -> e.dst().equals(endpoint))
        .map(e -> e.src() + "   " + e.conn())
        .toList();
  }

  /** What the endpoint can reach, with what. */
  public static List<String> reachable(NetworkSource.Picture picture, String endpoint) {
    return picture.edges().stream()
        .filter(e -> e.src().equals(endpoint))
        .map(e -> e.dst() + "   " + e.conn())
        .toList();
  }

  /**
   * The matrix: rows are sources, columns destinations (workloads by name, then address ranges), a
   * cell the edge drawn between them or null.
   */
  public record Matrix(List<String> endpoints, DrawnEdge[][] cells) {}

  public static Matrix matrix(NetworkSource.Picture picture, List<DrawnEdge> edges) {
    List<String> endpoints = new ArrayList<>();
    picture.nodes().stream().map(NetworkSource.Node::endpoint).sorted().forEach(endpoints::add);
    Set<String> workloads = new java.util.HashSet<>(endpoints);
    java.util.TreeSet<String> outside = new java.util.TreeSet<>();
    for (DrawnEdge e : edges) {
      for (String end : List.of(e.src(), e.dst())) {
        if (!workloads.contains(end)) {
          outside.add(end);
        }
      }
    }
    endpoints.addAll(outside);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < endpoints.size(); i++) {
      index.put(endpoints.get(i), i);
    }
    DrawnEdge[][] cells = new DrawnEdge[endpoints.size()][endpoints.size()];
    for (DrawnEdge e : edges) {
      cells[index.get(e.src())][index.get(e.dst())] = e;
    }
    return new Matrix(endpoints, cells);
  }
}
