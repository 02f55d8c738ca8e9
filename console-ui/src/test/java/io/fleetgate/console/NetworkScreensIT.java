package io.fleetgate.console;

import static io.fleetgate.console.FxTesting.TIMEOUT;
import static io.fleetgate.console.FxTesting.awaitFx;
import static io.fleetgate.console.FxTesting.onFx;
import static io.fleetgate.console.FxTesting.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.network.NetworkGraph;
import io.fleetgate.console.network.NetworkView;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Network tab of the real main window under Xvfb, embedding the platform against the sandbox
 * fleet: the example fleet at its synced revision, the explanation of a selected path, the matrix,
 * and the diff between two later revisions in both themes, each saved as a PNG under
 * target/screenshots and checked through the scene graph.
 */
@SandboxFleetTest
class NetworkScreensIT {

  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private static final String GATEWAY = "payments/payment-gateway[Deployment]";
  private static final String BILLING = "billing/billing-service[Deployment]";
  private static final String NGINX = "ingress/ingress-nginx[Deployment]";

  /** A temporary rule a later commit takes back: the gateway may open anything. */
  private static final String DEBUG_EGRESS =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: debug-gateway-egress
        namespace: payments
      spec:
        podSelector:
          matchLabels:
            app.kubernetes.io/name: payment-gateway
        policyTypes: [Egress]
        egress:
          - {}
      """;

  /** The ingress controller, and its way to the gateway. */
  private static final String INGRESS =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: ingress-nginx
        namespace: ingress
      spec:
        selector:
          matchLabels:
            app.kubernetes.io/name: ingress-nginx
        template:
          metadata:
            labels:
              app.kubernetes.io/name: ingress-nginx
          spec:
            containers:
              - name: controller
                image: registry.fleetgate.io/ingress/controller:1.12.1
                ports:
                  - name: https
                    containerPort: 443
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: ingress-to-gateway
        namespace: ingress
      spec:
        podSelector:
          matchLabels:
            app.kubernetes.io/name: ingress-nginx
        policyTypes: [Egress]
        egress:
          - to:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: payments
            ports:
              - protocol: TCP
                port: 8443
      """;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @Test
  void theNetworkTabShowsTheExampleFleetExplainsAPathAndDrawsADiff(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    PlatformConnection connection =
        PlatformConnection.embedded(
            new PlatformConnection.Embedded(
                repo.dir(), sandbox.managementKubeconfig(), work.resolve("data"), 0));
    Stage stage = onFx(Stage::new);
    MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
    try {
      Scene scene = stage.getScene();
      MainWindow window = (MainWindow) scene.getRoot();
      onFx(
          () -> {
            stage.setWidth(1400);
            stage.setHeight(860);
            window.selectTab(5);
            return null;
          });
      var network = models.network();
      // The first sync gives beijing-prod a synced revision; until then the platform says so.
      awaitFx(() -> network.shown() != null, () -> onFx(network::refresh));

      // The example fleet: ingress → gateway → billing, nothing else.
      assertThat(onFx(() -> network.clusterProperty().get())).isEqualTo("aws-cn-north-1-prod");
      onFx(
          () -> {
            network.clusterProperty().set("beijing-prod");
            return null;
          });
      onFx(network::load).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(onFx(() -> network.shown().picture().cluster())).isEqualTo("beijing-prod");
      assertThat(onFx(() -> network.shown().edges()))
          .extracting(NetworkGraph.DrawnEdge::label)
          .containsExactly("TCP 9443");
      assertThat(onFx(() -> scene.lookup("#node-" + GATEWAY))).isNotNull();
      assertThat(onFx(() -> ((Label) scene.lookup("#network-summary")).getText()))
          .startsWith("beijing-prod at ")
          .contains("2 workloads, 1 allowed connections");
      screenshot(scene, "network-example-fleet.png");

      // Select the gateway and explain its path to billing.
      onFx(
          () -> {
            network.selectedProperty().set(GATEWAY);
            return null;
          });
      onFx(() -> network.explain(GATEWAY, BILLING)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      String explanation = onFx(() -> ((TextArea) scene.lookup("#network-explanation")).getText());
      assertThat(explanation)
          .contains(GATEWAY + " => " + BILLING + ": allowed TCP 9443")
          .contains("payments/payment-gateway-to-billing egress rule 1");
      assertThat(onFx(() -> network.reachable())).containsExactly(BILLING + "   TCP 9443");
      screenshot(scene, "network-explanation.png");

      onFx(
          () -> {
            ((NetworkView) scene.lookup("#network-view")).showMatrix(true);
            return null;
          });
      screenshot(scene, "network-matrix.png");
      onFx(
          () -> {
            ((NetworkView) scene.lookup("#network-view")).showMatrix(false);
            network.selectedProperty().set("");
            return null;
          });

      // Two later commits: a temporary allow-all for the gateway, then it is taken back and the
      // ingress controller comes in.
      String debug =
          repo.write("bundles/payments/debug-egress.yaml", DEBUG_EGRESS)
              .commit("Let the gateway reach anything while we debug PAY-311");
      String fixed =
          repo.delete("bundles/payments/debug-egress.yaml")
              .write("bundles/baseline/ingress-nginx.yaml", INGRESS)
              .commit("The ingress controller, and no more debug egress");
      connection.syncNow().run();
      onFx(
          () -> {
            network.diffFromProperty().set(debug.substring(0, 12));
            network.diffToProperty().set(fixed.substring(0, 12));
            return null;
          });
      awaitFx(
          () -> network.shown().diff() != null && network.errorProperty().get().isEmpty(),
          () -> onFx(network::load));
      var edges = onFx(() -> network.shown().edges());
      assertThat(edges)
          .filteredOn(e -> e.change() == NetworkGraph.Change.OPENED)
          .extracting(NetworkGraph.DrawnEdge::src, NetworkGraph.DrawnEdge::dst)
          .contains(org.assertj.core.groups.Tuple.tuple(NGINX, GATEWAY));
      assertThat(edges)
          .filteredOn(e -> e.change() == NetworkGraph.Change.CLOSED)
          .extracting(NetworkGraph.DrawnEdge::src)
          .containsOnly(GATEWAY)
          .isNotEmpty();
      assertThat(onFx(() -> scene.lookup("#network-legend"))).isNotNull();
      screenshot(scene, "network-diff.png");
      onFx(
          () -> {
            window.darkThemeProperty().set(true);
            return null;
          });
      screenshot(scene, "network-diff-dark.png");
    } finally {
      onFx(
          () -> {
            stage.close();
            return null;
          });
      connection.resources().close();
    }
  }
}
