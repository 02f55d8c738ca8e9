package io.fleetgate.console;

import static io.fleetgate.console.FxTesting.awaitFx;
import static io.fleetgate.console.FxTesting.onFx;
import static io.fleetgate.console.FxTesting.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.rollout.RolloutModels;
import io.fleetgate.console.rollout.RolloutViewModel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Rollouts tab of the real main window under Xvfb, reading a recorded board and patch matrix
 * (the platform's rollout routes are served elsewhere; this checks what the tab makes of their
 * answers): a rollout mid-way (wave 1 done, wave 2 patching with one of two clusters at 2 of 3
 * nodes), one held at its SLO gate (9.3× against 6× on one cluster), one halted with its reason and
 * a cluster whose nodes cannot be read, and the patch matrix with a cluster behind and one
 * unreachable. Saved as PNGs under target/screenshots and checked through the scene graph.
 */
class RolloutScreensIT {

  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  private final RolloutModels.Recorded source = new RolloutModels.Recorded();
  private Stage stage;
  private Scene scene;
  private MainWindow window;
  private RolloutViewModel model;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @BeforeEach
  void open() throws Exception {
    PlatformConnection others =
        PlatformConnection.failing(
            "Platform https://fleetgate.example.com:8742", "not read in this test");
    PlatformConnection connection =
        new PlatformConnection(
            others.description(),
            others.fleet(),
            others.policy(),
            others.reports(),
            others.clusters(),
            others.network(),
            others.slos(),
            source,
            others.events(),
            others.resources(),
            others.repository(),
            others.syncNow());
    stage = onFx(Stage::new);
    MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
    model = models.rollouts();
    scene = stage.getScene();
    window = (MainWindow) scene.getRoot();
    onFx(
        () -> {
          stage.setWidth(1400);
          stage.setHeight(900);
          window.selectTab(7);
          return null;
        });
    awaitFx(
        () -> model.rows().size() == 4 && !model.waves().isEmpty(),
        () -> CompletableFuture.completedFuture(null));
  }

  @AfterEach
  void close() throws Exception {
    onFx(
        () -> {
          stage.close();
          return null;
        });
  }

  @Test
  void theBoardMidRolloutShowsEachWaveItsClustersNodesAndTheRecentSteps() throws Exception {
    assertThat(text("#rollout-title")).isEqualTo("kernel-6.8.0-88");
    assertThat(texts("#cluster-fleet-beijing-prod"))
        .contains("fleet/beijing-prod", "patching", "2/3 up to date · 2 ready");
    assertThat(texts("#cluster-fleet-aws-cn-north-1-prod"))
        .contains("done", "took 6 min 42 s · 2 min 14 s per node");
    assertThat(texts("#wave-payments")).contains("queued", "approval", "held");
    assertThat(onFx(() -> scene.lookup("#rollout-pause").isDisabled())).isFalse();
    assertThat(onFx(() -> scene.lookup("#rollout-start").isDisabled())).isTrue();
    assertThat(onFx(() -> SceneText.of(scene.lookup("#rollout-steps"))))
        .contains("bj-node-2 up to date and Ready");
    screenshot(scene, "rollouts-mid-rollout.png");

    onFx(
        () -> {
          window.darkThemeProperty().set(true);
          return null;
        });
    screenshot(scene, "rollouts-mid-rollout-dark.png");
  }

  @Test
  void aWaveHeldAtItsSloGateSaysWhichGateAndShowsEachClustersBurnAgainstTheThreshold()
      throws Exception {
    select(1);

    assertThat(text("#wave-china-prod-held"))
        .isEqualTo(
            "held by SLO payment-gateway-availability: burning 9.30× over 1h on fleet/beijing-prod,"
                + " at most 6×");
    assertThat(texts("#wave-china-prod"))
        .contains("9.30× of at most 6× over 1h", "0.80× of at most 6× over 1h", "failing")
        .anyMatch(t -> t.startsWith("unknown of at most 6× over 1h: Prometheus at"));
    screenshot(scene, "rollouts-held-at-slo-gate.png");
  }

  @Test
  void aHaltedRolloutShowsItsReasonAndAClusterThatCannotBeReadAsUnknown() throws Exception {
    select(2);

    assertThat(text("#rollout-reason")).contains("gz-node-2 not Ready 10 min after its upgrade");
    assertThat(texts("#cluster-fleet-beijing-prod"))
        .contains("nodes unknown")
        .doesNotContain("0/0");
    assertThat(onFx(() -> scene.lookup("#rollout-resume").isDisabled())).isFalse();
    assertThat(onFx(() -> scene.lookup("#rollout-pause").isDisabled())).isTrue();
    screenshot(scene, "rollouts-halted.png");
  }

  @Test
  void thePatchMatrixShowsTheClusterBehindAndTheUnreachableOneAsSuch() throws Exception {
    onFx(
        () -> {
          scene.lookup("#rollouts-page-patches").getProperties();
          ((javafx.scene.control.ToggleButton) scene.lookup("#rollouts-page-patches")).fire();
          return null;
        });
    awaitFx(
        () -> model.patches().lines().size() == 5, () -> CompletableFuture.completedFuture(null));

    assertThat(source.asked)
        .first()
        .isEqualTo(
            new io.fleetgate.console.rollout.RolloutSource.MatrixTarget.OfRollout(
                "kernel-6.8.0-88"));
    // The table lays its rows out on the next pulse.
    awaitFx(
        () -> SceneText.of(scene.lookup("#matrix-table")).contains("fleet/guangzhou-prod"),
        () -> CompletableFuture.completedFuture(null));
    List<String> table = onFx(() -> SceneText.of(scene.lookup("#matrix-table")));
    assertThat(table).contains("fleet/guangzhou-prod", "unreachable", "unknown", "1 behind");
    assertThat(text("#matrix-summary"))
        .startsWith(
            "4 clusters · 1 behind Kubernetes v1.34.4, kernel 6.8.0-88-generic · 1 unreachable");
    screenshot(scene, "rollouts-patch-matrix.png");

    onFx(
        () -> {
          model.patches().behindOnlyProperty().set(true);
          window.darkThemeProperty().set(true);
          return null;
        });
    assertThat(onFx(() -> model.patches().lines().size())).isEqualTo(2);
    screenshot(scene, "rollouts-patch-matrix-behind-dark.png");
  }

  private void select(int index) throws Exception {
    onFx(
        () -> {
          model.selectedProperty().set(model.rows().get(index));
          return null;
        });
  }

  private String text(String selector) throws Exception {
    Node node = FxTesting.lookup(scene, selector);
    return onFx(() -> ((Label) node).getText());
  }

  private List<String> texts(String selector) throws Exception {
    Node node = FxTesting.lookup(scene, selector);
    return onFx(() -> SceneText.of(node));
  }
}
