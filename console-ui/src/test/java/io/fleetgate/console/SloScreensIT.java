package io.fleetgate.console;

import static io.fleetgate.console.FxTesting.awaitFx;
import static io.fleetgate.console.FxTesting.onFx;
import static io.fleetgate.console.FxTesting.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.console.remote.RemotePlatform;
import io.fleetgate.console.slo.Risk;
import io.fleetgate.console.slo.SloViewModel;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.SloFiles;
import io.fleetgate.slo.Slo;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.PrometheusServer;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import io.fleetgate.testing.SloHistoryRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLO tab of the real main window under Xvfb, on a platform embedded against the sandbox fleet
 * that reads a real Prometheus holding a day of traffic: the payment gateway quiet for 25 hours and
 * then failing 2 % of requests for the last one (burning, its budget overspent), the billing
 * service quiet throughout. fleet.yaml names that Prometheus for cn-north-1 and cn-beijing and a
 * closed port for cn-guangzhou, whose figures are therefore unknown. Saved as PNGs under
 * target/screenshots in both themes and checked through the scene graph.
 */
@SandboxFleetTest
class SloScreensIT {

  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private static final long STEP = 60;
  private static final double RATE = 50;

  private static final String BILLING_SLO =
      """
      apiVersion: openslo/v1
      kind: SLO
      metadata:
        name: billing-availability
        displayName: Billing availability
      spec:
        description: Share of billing requests answered without a server error.
        service: billing-service
        budgetingMethod: Occurrences
        timeWindow:
          - duration: 28d
            isRolling: true
        objectives:
          - displayName: Successful requests
            target: 0.999
        indicator:
          metadata:
            name: billing-success-ratio
          spec:
            ratioMetric:
              counter: true
              good:
                metricSource:
                  type: Prometheus
                  spec:
                    query: sum(rate(http_requests_total{service="billing-service",code!~"5.."}[{{.window}}]))
              total:
                metricSource:
                  type: Prometheus
                  spec:
                    query: sum(rate(http_requests_total{service="billing-service"}[{{.window}}]))
      """;

  @TempDir Path work;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @Test
  void theSloTabShowsAQuietSloABurningOneAndAClusterWhosePrometheusIsDown(
      SandboxFleetHandle sandbox) throws Exception {
    Instant end = Instant.ofEpochSecond((Instant.now().getEpochSecond() / 3600) * 3600 - 3 * 3600);
    Instant start = end.minus(Duration.ofHours(26));
    try (PrometheusServer prometheus =
        PrometheusServer.withHistory(work.resolve("prometheus"), history(start, end))) {
      FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
      repo.write("slos/billing-service.yaml", BILLING_SLO);
      List<Slo> slos = SloFiles.read(repo.dir(), ManifestLimits.defaults()).slos();
      assertThat(slos).hasSize(2);
      SloHistoryRules.backfill(
          prometheus,
          slos,
          work.resolve("rules"),
          start.plusSeconds(600),
          end,
          Duration.ofSeconds(15));
      repo.write(
              "fleet.yaml",
              repo.read("fleet.yaml")
                  + """
                    slo:
                      prometheus:
                        - clusterSelector: {matchLabels: {region: cn-north-1}}
                          url: %s
                        - clusterSelector: {matchLabels: {region: cn-beijing}}
                          url: %s
                        - clusterSelector: {matchLabels: {region: cn-guangzhou}}
                          url: http://127.0.0.1:1
                  """
                      .formatted(prometheus.url(), prometheus.url()))
          .commit("Read the payment gateway's and billing's SLOs from Prometheus");
      // The platform lives at the end of the history, a few seconds after its last samples.
      Clock clock =
          Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), end.plusSeconds(5)));
      PlatformServer server =
          PlatformServer.start(
              new SyncSetup.Config(
                  repo.dir().toString(),
                  "main",
                  sandbox.managementKubeconfig(),
                  work.resolve("data"),
                  SyncSetup.Engine.WASM,
                  null),
              new ApiSettings("127.0.0.1", 0, new byte[0]),
              Duration.ofMinutes(10),
              Duration.ofMinutes(30),
              clock,
              report -> {});
      Thread loop = Thread.ofPlatform().start(server::run);
      RemotePlatform platform =
          new RemotePlatform(
              java.net.URI.create("http://127.0.0.1:" + server.port()),
              server.inProcessAdminToken("console"),
              clock);
      PlatformConnection connection =
          PlatformConnection.through(
              "Embedded platform · sandbox fleet · Prometheus " + prometheus.url(),
              platform,
              () -> {
                server.stop();
                loop.join(30_000);
                server.close();
              },
              java.util.Optional.empty());
      Stage stage = onFx(Stage::new);
      MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
      try {
        Scene scene = stage.getScene();
        MainWindow window = (MainWindow) scene.getRoot();
        onFx(
            () -> {
              stage.setWidth(1400);
              stage.setHeight(860);
              window.selectTab(6);
              return null;
            });
        SloViewModel slo = models.slos();
        awaitFx(
            () ->
                slo.rows().size() == 2
                    && slo.rows().stream().allMatch(r -> r.slo().clusters().size() == 3)
                    && !slo.history().isEmpty(),
            () -> onFx(slo::refresh));

        List<SloViewModel.Row> rows = onFx(() -> List.copyOf(slo.rows()));
        SloViewModel.Row gateway = rows.getFirst();
        assertThat(gateway.slo().service()).as("riskiest first").isEqualTo("payment-gateway");
        // This Prometheus evaluates no alert rules, so no ALERTS series says an alert fires.
        assertThat(gateway.firing()).isEmpty();
        assertThat(gateway.risk()).isEqualTo(Risk.OVERSPENT);
        assertThat(billing(rows).risk())
            .as("quiet where read, one cluster unknown")
            .isEqualTo(Risk.UNKNOWN);
        assertThat(gateway.budget()).endsWith("overspent");
        SloViewModel.Row billing = rows.get(1);
        assertThat(billing.slo().service()).isEqualTo("billing-service");
        List<SloViewModel.ClusterRow> clusters = onFx(() -> List.copyOf(slo.clusters()));
        assertThat(clusters)
            .filteredOn(c -> c.cluster().equals("guangzhou-prod"))
            .singleElement()
            .satisfies(
                c -> {
                  assertThat(c.risk()).isEqualTo(Risk.UNKNOWN);
                  assertThat(c.budget()).isEqualTo("unknown");
                  assertThat(c.reason()).isNotBlank();
                });
        assertThat(clusters)
            .filteredOn(c -> c.cluster().equals("beijing-prod"))
            .singleElement()
            .satisfies(
                c ->
                    assertThat(Double.parseDouble(c.burn1h().replace("×", "")))
                        .isBetween(19.5, 20.5));
        assertThat(onFx(() -> slo.charts().burnRates().thresholds()))
            .extracting(t -> t.value())
            .containsExactly(14.4, 6.0, 1.0);
        assertThat(onFx(() -> ((Label) scene.lookup("#slo-title")).getText()))
            .isEqualTo("payment-gateway / payment-gateway-availability");
        screenshot(scene, "slo-burning.png");

        onFx(
            () -> {
              slo.selectedProperty().set(slo.rows().get(1));
              return null;
            });
        awaitFx(() -> !slo.history().isEmpty(), () -> CompletableFuture.completedFuture(null));
        assertThat(onFx(() -> slo.clusters().stream().map(SloViewModel.ClusterRow::risk).toList()))
            .contains(Risk.QUIET, Risk.UNKNOWN);
        screenshot(scene, "slo-quiet.png");

        onFx(
            () -> {
              slo.selectedProperty().set(slo.rows().getFirst());
              window.darkThemeProperty().set(true);
              return null;
            });
        awaitFx(() -> !slo.history().isEmpty(), () -> CompletableFuture.completedFuture(null));
        screenshot(scene, "slo-burning-dark.png");
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

  private static SloViewModel.Row billing(List<SloViewModel.Row> rows) {
    return rows.get(1);
  }

  /** The gateway: 0.05 % errors, 2 % in the last hour; billing: 0.01 % throughout. */
  private static String history(Instant start, Instant end) {
    StringBuilder out = new StringBuilder("# TYPE http_requests counter\n");
    for (String service : List.of("payment-gateway", "billing-service")) {
      StringBuilder good = new StringBuilder();
      StringBuilder bad = new StringBuilder();
      double g = 0;
      double b = 0;
      for (long t = start.getEpochSecond(); t <= end.getEpochSecond(); t += STEP) {
        double share =
            service.equals("billing-service")
                ? 0.0001
                : t > end.getEpochSecond() - 3600 ? 0.02 : 0.0005;
        b += RATE * STEP * share;
        g += RATE * STEP * (1 - share);
        good.append("http_requests_total{service=\"%s\",code=\"200\"} ".formatted(service))
            .append(g)
            .append(' ')
            .append(t)
            .append('\n');
        bad.append("http_requests_total{service=\"%s\",code=\"500\"} ".formatted(service))
            .append(b)
            .append(' ')
            .append(t)
            .append('\n');
      }
      out.append(good).append(bad);
    }
    return out + "# EOF\n";
  }
}
