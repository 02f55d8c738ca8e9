package io.fleetgate.console;

import static io.fleetgate.console.FxTesting.TIMEOUT;
import static io.fleetgate.console.FxTesting.onFx;
import static io.fleetgate.console.FxTesting.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.slo.SloSource;
import io.fleetgate.console.slo.SloView;
import io.fleetgate.console.slo.SloViewModel;
import io.fleetgate.console.ui.UiThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the SLO view draws a full month of 5-minute snapshots (8,640 per cluster): a quiet fortnight,
 * a slow burn, a sharp outage and a stretch where one cluster's Prometheus was down. The figures
 * are made up for drawing and come from memory, not a platform (SloScreensIT shows the view on a
 * real one); the PNG under target/screenshots shows the charts stay readable and the thinning keeps
 * the outage's peak.
 */
class SloMonthScreensIT {

  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  /** A month of snapshots for two clusters, oldest first. */
  private static List<SloSource.Point> month(Instant from, Instant to) {
    List<SloSource.Point> points = new ArrayList<>();
    for (String cluster : List.of("beijing-prod", "guangzhou-prod")) {
      double budget = 1;
      for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
        long minutes = Duration.between(from, t).toMinutes();
        double day = minutes / 1440.0;
        boolean outage = day >= 24 && day < 24 + 2 / 24.0;
        double burn = outage ? 30 : day >= 14 ? 1.6 : 0.4;
        if (cluster.equals("guangzhou-prod")) {
          burn = 0.3;
        }
        budget -= burn * 5 / (28 * 1440.0);
        boolean down = cluster.equals("guangzhou-prod") && day >= 20 && day < 22;
        double b1 = burn;
        points.add(
            new SloSource.Point(
                t,
                cluster,
                !down,
                down ? null : budget,
                down ? null : b1,
                down ? null : Math.max(0.4, outage ? 8 : burn),
                down ? null : Math.min(burn, day >= 14 ? 1.7 : 0.4)));
      }
    }
    return points;
  }

  @Test
  void aMonthOfSnapshotsIsDrawnThinnedWithTheOutageKept() throws Exception {
    List<SloSource.Point> history = month(AT.minus(Duration.ofDays(30)), AT);
    SloSource source =
        new SloSource() {
          @Override
          public Report slos() {
            return new Report(
                AT,
                List.of(
                    new Slo(
                        "payment-gateway",
                        "payment-gateway-availability",
                        "Share of payment requests answered without a server error.",
                        0.999,
                        "28d rolling",
                        0.0011,
                        -0.05,
                        List.of(
                            new Alert("page", 14.4, "1h", "5m"),
                            new Alert("page", 6, "6h", "30m"),
                            new Alert("ticket", 1, "3d", "6h")),
                        List.of(
                            new ClusterFigures(
                                "beijing-prod",
                                new Known(
                                    0.0012,
                                    -0.2,
                                    Map.of("1h", 1.6, "6h", 1.6, "3d", 1.7),
                                    null,
                                    List.of("ticket"))),
                            new ClusterFigures(
                                "guangzhou-prod",
                                new Known(
                                    0.0003,
                                    0.7,
                                    Map.of("1h", 0.3, "6h", 0.3, "3d", 0.3),
                                    null,
                                    List.of())),
                            new ClusterFigures(
                                "shanghai-prod",
                                new Unknown(
                                    "http://prometheus.shanghai-prod:9090/ did not answer within"
                                        + " 10 s",
                                    new LastKnown(
                                        AT.minus(Duration.ofMinutes(12)),
                                        0.31,
                                        Map.of("1h", 0.9, "6h", 0.8, "3d", 0.7))))))),
                List.of());
          }

          @Override
          public List<Point> history(
              String service, String slo, Instant from, Instant to, int points) {
            return history;
          }
        };
    SloViewModel model = new SloViewModel(source, UiThread.javafx(background), 1200);
    Stage stage =
        onFx(
            () -> {
              javafx.application.Application.setUserAgentStylesheet(
                  new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
              Stage s = new Stage();
              s.setScene(
                  new Scene(new SloView(model, new SimpleBooleanProperty(false)), 1400, 820));
              s.show();
              return s;
            });
    try {
      onFx(model::refresh).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Thread.sleep(300);
      var charts = onFx(model::charts);
      var oneHour = charts.burnRates().lines().getFirst();
      assertThat(oneHour.samples().size()).isLessThanOrEqualTo(3 * 1200);
      assertThat(oneHour.samples()).anyMatch(s -> s.value() != null && s.value() == 30.0);
      assertThat(charts.budget().lines().get(1).samples()).anyMatch(s -> s.value() == null);
      screenshot(stage.getScene(), "slo-month.png");
    } finally {
      onFx(
          () -> {
            stage.close();
            return null;
          });
    }
  }
}
