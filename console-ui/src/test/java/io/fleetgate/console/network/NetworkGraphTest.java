package io.fleetgate.console.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkGraphTest {

  private static final String GATEWAY = "payments/payment-gateway[Deployment]";
  private static final String BILLING = "billing/billing-service[Deployment]";
  private static final String NGINX = "ingress/ingress-nginx[Deployment]";

  @Test
  void aNamespaceFilterKeepsEdgesWithAnEndInItAndTheirOtherEnds() {
    var shown =
        NetworkGraph.filtered(NetworkModels.small(), new NetworkGraph.Filter("billing", "", "all"));

    assertThat(shown.edges()).extracting(NetworkSource.Edge::src).containsExactly(GATEWAY);
    assertThat(shown.nodes())
        .extracting(NetworkSource.Node::endpoint)
        .containsExactlyInAnyOrder(BILLING, GATEWAY);
    assertThat(shown.groups())
        .extracting(NetworkSource.Group::namespace)
        .containsExactlyInAnyOrder("billing", "payments");
  }

  @Test
  void aPortFilterMatchesNumbersProtocolsAndAllConnections() {
    var picture = NetworkModels.small();
    assertThat(
            NetworkGraph.filtered(picture, new NetworkGraph.Filter("all", "9443", "all")).edges())
        .extracting(NetworkSource.Edge::dst)
        .as("All Connections from the addresses allows 9443 too")
        .containsExactlyInAnyOrder(BILLING, NGINX);
    assertThat(NetworkGraph.allowsPort(NetworkModels.all("a", "b"), "udp 53")).isTrue();
    assertThat(NetworkGraph.allowsPort(NetworkModels.edge("a", "b", "TCP", 53), "udp 53"))
        .isFalse();
    assertThat(NetworkGraph.allowsPort(NetworkModels.edge("a", "b", "TCP", 53), "tcp")).isTrue();
    assertThat(NetworkGraph.allowsPort(NetworkModels.edge("a", "b", "TCP", 53), "http")).isFalse();
    assertThat(NetworkGraph.allowsPort(NetworkModels.edge("a", "b", "TCP", 53), " ")).isTrue();
  }

  @Test
  void aFindingFilterKeepsTheNamespacesItIsAbout() {
    var shown =
        NetworkGraph.filtered(
            NetworkModels.small(), new NetworkGraph.Filter("all", "", "no-default-deny"));

    assertThat(shown.edges())
        .extracting(NetworkSource.Edge::dst)
        .containsExactlyInAnyOrder(GATEWAY, NGINX);
  }

  @Test
  void aDiffMarksOpenedEdgesAndAddsTheClosedOnes() {
    var diff =
        new NetworkSource.Diff(
            "aaa",
            "bbb",
            1,
            1,
            false,
            List.of(
                new NetworkSource.Change(
                    NGINX, GATEWAY, "TCP 8443", "", List.of("rule"), List.of()),
                new NetworkSource.Change(
                    GATEWAY,
                    "0.0.0.0-255.255.255.255",
                    "",
                    "All Connections",
                    List.of(),
                    List.of("r"))));

    var drawn = NetworkGraph.drawn(NetworkModels.small(), diff);

    assertThat(drawn)
        .filteredOn(e -> e.change() != NetworkGraph.Change.UNCHANGED)
        .containsExactlyInAnyOrder(
            new NetworkGraph.DrawnEdge(NGINX, GATEWAY, "+ TCP 8443", NetworkGraph.Change.OPENED),
            new NetworkGraph.DrawnEdge(
                GATEWAY,
                "0.0.0.0-255.255.255.255",
                "− All Connections",
                NetworkGraph.Change.CLOSED));
    assertThat(drawn).hasSize(5);
  }

  @Test
  void whoReachesAWorkloadAndWhatItReaches() {
    var picture = NetworkModels.small();
    assertThat(NetworkGraph.reaching(picture, GATEWAY)).containsExactly(NGINX + "   TCP 8443");
    assertThat(NetworkGraph.reachable(picture, GATEWAY))
        .containsExactly(BILLING + "   TCP 9443", "payments/fraud-check[Deployment]   TCP 7070");
  }

  @Test
  void theMatrixHasWorkloadsThenAddressesWithACellPerEdge() {
    var picture = NetworkModels.small();
    var matrix = NetworkGraph.matrix(picture, NetworkGraph.drawn(picture, null));

    assertThat(matrix.endpoints())
        .containsExactly(
            BILLING, NGINX, "payments/fraud-check[Deployment]", GATEWAY, "0.0.0.0-255.255.255.255");
    assertThat(matrix.cells()[3][0].label()).isEqualTo("TCP 9443");
    assertThat(matrix.cells()[0][3]).isNull();
    assertThat(matrix.cells()[4][1].label()).isEqualTo("All Connections");
  }
}
