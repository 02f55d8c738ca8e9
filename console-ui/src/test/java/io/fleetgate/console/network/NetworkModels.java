package io.fleetgate.console.network;

import java.util.ArrayList;
import java.util.List;

/** Pictures for the Network view's tests. */
final class NetworkModels {

  private NetworkModels() {}

  static NetworkSource.Edge edge(String src, String dst, String protocol, int port) {
    return new NetworkSource.Edge(
        src, dst, protocol + " " + port, List.of(new NetworkSource.Port(protocol, port, port)));
  }

  static NetworkSource.Edge all(String src, String dst) {
    return new NetworkSource.Edge(
        src,
        dst,
        "All Connections",
        List.of(
            new NetworkSource.Port("TCP", 1, 65535),
            new NetworkSource.Port("UDP", 1, 65535),
            new NetworkSource.Port("SCTP", 1, 65535)));
  }

  static NetworkSource.Node node(String namespace, String name) {
    return new NetworkSource.Node(
        namespace + "/" + name + "[Deployment]", namespace, name, "Deployment");
  }

  /** Three namespaces, four workloads, an address range, one finding. */
  static NetworkSource.Picture small() {
    return new NetworkSource.Picture(
        "beijing-prod",
        "0123456789abcdef0123456789abcdef01234567",
        List.of(
            new NetworkSource.Group("billing", true),
            new NetworkSource.Group("ingress", false),
            new NetworkSource.Group("payments", true)),
        List.of(
            node("billing", "billing-service"),
            node("ingress", "ingress-nginx"),
            node("payments", "payment-gateway"),
            node("payments", "fraud-check")),
        List.of(
            edge(
                "ingress/ingress-nginx[Deployment]",
                "payments/payment-gateway[Deployment]",
                "TCP",
                8443),
            edge(
                "payments/payment-gateway[Deployment]",
                "billing/billing-service[Deployment]",
                "TCP",
                9443),
            edge(
                "payments/payment-gateway[Deployment]",
                "payments/fraud-check[Deployment]",
                "TCP",
                7070),
            all("0.0.0.0-255.255.255.255", "ingress/ingress-nginx[Deployment]")),
        List.of(
            new NetworkSource.Finding(
                "no-default-deny", "warn", "namespace ingress", "no policy isolates ingress")));
  }

  /**
   * {@code namespaces} × {@code perNamespace} workloads: each reaches two workloads of the next
   * namespace on a port of its own, the first of each namespace takes traffic from outside.
   */
  static NetworkSource.Picture generated(int namespaces, int perNamespace) {
    List<NetworkSource.Group> groups = new ArrayList<>();
    List<NetworkSource.Node> nodes = new ArrayList<>();
    List<NetworkSource.Edge> edges = new ArrayList<>();
    for (int n = 0; n < namespaces; n++) {
      String ns = "team-%02d".formatted(n);
      groups.add(new NetworkSource.Group(ns, n % 7 == 0));
      for (int w = 0; w < perNamespace; w++) {
        nodes.add(node(ns, "service-%02d".formatted(w)));
      }
    }
    for (int n = 0; n < namespaces; n++) {
      String next = "team-%02d".formatted((n + 1) % namespaces);
      for (int w = 0; w < perNamespace; w++) {
        String src = "team-%02d/service-%02d[Deployment]".formatted(n, w);
        edges.add(edge(src, next + "/service-%02d[Deployment]".formatted(w), "TCP", 8000 + w));
        edges.add(
            edge(
                src,
                next + "/service-%02d[Deployment]".formatted((w + 1) % perNamespace),
                "TCP",
                9000 + n));
      }
      edges.add(all("10.0.0.0-10.255.255.255", "team-%02d/service-00[Deployment]".formatted(n)));
    }
    return new NetworkSource.Picture("generated", "f".repeat(40), groups, nodes, edges, List.of());
  }
}
