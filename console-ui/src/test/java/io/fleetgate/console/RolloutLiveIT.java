package io.fleetgate.console;

import static io.fleetgate.console.FxTesting.onFx;
import static io.fleetgate.console.FxTesting.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.console.rollout.BoardRows;
import io.fleetgate.console.rollout.RolloutViewModel;
import io.fleetgate.sandbox.InjectedFailure;
import io.fleetgate.sandbox.NodeSeeding;
import io.fleetgate.sandbox.UpgradePlayer;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Rollouts tab on the embedded platform and the sandbox fleet, with the sandbox playing the
 * node upgrades: a rollout started from the board moves wave by wave to the end, another waits on
 * its maintenance window, and the patch matrix shows where every node stands.
 */
@SandboxFleetTest(dedicated = true)
class RolloutLiveIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @Test
  void aRolloutStartedFromTheBoardMovesToTheEndWhileAnotherWaitsForItsWindow(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    new NodeSeeding(sandbox.fleet()::api).seed(sandbox.workloadClusters(), 3);
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    repo.write(
            "rollouts/kernel-6.8.0-88.yaml",
            """
            apiVersion: fleetgate.io/v1alpha1
            kind: PatchRollout
            metadata:
              name: kernel-6.8.0-88
            spec:
              target:
                kernelVersion: 6.8.0-88-generic
              waves:
                - name: canary
                  clusters: [aws-cn-north-1-prod]
                  gates:
                    health: {minReadyNodes: 100%}
                - name: mainland
                  clusters: [beijing-prod, guangzhou-prod]
                  maxParallel: 2
                  gates:
                    health: {minReadyNodes: 100%}
                    noPolicyDenials: true
              onFailure: rollback
            """)
        .write(
            "rollouts/os-image-weekend.yaml",
            """
            apiVersion: fleetgate.io/v1alpha1
            kind: PatchRollout
            metadata:
              name: os-image-weekend
            spec:
              target:
                osImage: Ubuntu 24.04.3 LTS
              waves:
                - name: everywhere
                  clusters: [aws-cn-north-1-prod, beijing-prod, guangzhou-prod]
                  gates:
                    maintenanceWindow: {schedule: "0 1 29 2 *", duration: 1h, timeZone: Asia/Shanghai}
            """)
        .commit("Roll a kernel out, and an OS image in the leap-day window");
    try (UpgradePlayer player =
        new UpgradePlayer(
                sandbox.fleet()::api,
                new UpgradePlayer.Settings(
                    Duration.ofMillis(200), Duration.ofMillis(1_500), InjectedFailure.none()),
                event -> {})
            .start()) {
      PlatformConnection connection =
          PlatformConnection.embedded(
              new PlatformConnection.Embedded(
                  repo.dir(), sandbox.managementKubeconfig(), work.resolve("data"), 0));
      Stage stage = onFx(Stage::new);
      MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
      AutoCloseable events = ConsoleApp.follow(connection, models);
      try {
        Scene scene = stage.getScene();
        onFx(
            () -> {
              TabPane tabs = (TabPane) scene.lookup("#tabs");
              tabs.getSelectionModel()
                  .select(
                      tabs.getTabs().stream()
                          .filter(t -> "tab-rollouts".equals(t.getId()))
                          .findFirst()
                          .orElseThrow());
              return null;
            });
        RolloutViewModel board = models.rollouts();
        select(board, "kernel-6.8.0-88");
        press(scene, "#rollout-start");
        BoardRows.RolloutRow mid =
            await(
                board,
                "kernel-6.8.0-88",
                r ->
                    r.rollout().wave() == 1
                        && r.rollout().waves().get(1).clusters().stream()
                            .anyMatch(
                                c ->
                                    c.phase() == RolloutStatus.ClusterPhase.PATCHING
                                        && c.upToDate() > 0
                                        && c.upToDate() < c.nodes()));
        assertThat(mid.rollout().waves().getFirst().phase())
            .isEqualTo(RolloutStatus.WavePhase.DONE);
        screenshot(scene, "rollouts-live-mid-rollout.png");

        BoardRows.RolloutRow done =
            await(
                board,
                "kernel-6.8.0-88",
                r -> r.rollout().phase() == RolloutStatus.Phase.COMPLETED);
        assertThat(done.rollout().recent().getFirst().kind()).isEqualTo("completed");

        select(board, "os-image-weekend");
        press(scene, "#rollout-start");
        BoardRows.RolloutRow held =
            await(
                board,
                "os-image-weekend",
                r -> r.rollout().waves().getFirst().heldBy().startsWith("outside the"));
        assertThat(held.rollout().waves().getFirst().phase())
            .isEqualTo(RolloutStatus.WavePhase.WAITING);
        screenshot(scene, "rollouts-live-held-by-window.png");

        onFx(
            () -> {
              board.pageProperty().set(RolloutViewModel.Page.PATCHES);
              return null;
            });
        FxTesting.awaitFx(
            () -> !board.patches().lines().isEmpty(), () -> board.patches().refresh());
        screenshot(scene, "rollouts-live-patch-matrix.png");
      } finally {
        events.close();
        onFx(
            () -> {
              stage.close();
              return null;
            });
        connection.resources().close();
      }
    }
  }

  private static void select(RolloutViewModel board, String name) throws Exception {
    FxTesting.awaitFx(
        () -> board.rows().stream().anyMatch(r -> r.name().equals(name)), board::refresh);
    onFx(
        () -> {
          board
              .selectedProperty()
              .set(board.rows().stream().filter(r -> r.name().equals(name)).findFirst().get());
          return null;
        });
  }

  private static void press(Scene scene, String id) throws Exception {
    FxTesting.awaitFx(
        () -> !((Button) scene.lookup(id)).isDisabled(),
        () -> java.util.concurrent.CompletableFuture.completedFuture(null));
    onFx(
        () -> {
          ((Button) scene.lookup(id)).fire();
          return null;
        });
  }

  private static BoardRows.RolloutRow await(
      RolloutViewModel board, String name, Predicate<BoardRows.RolloutRow> condition)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    BoardRows.RolloutRow last = null;
    while (System.nanoTime() < deadline) {
      board.refresh().get();
      last =
          onFx(
              () ->
                  board.rows().stream()
                      .filter(r -> r.name().equals(name))
                      .findFirst()
                      .orElse(null));
      if (last != null && condition.test(last)) {
        return last;
      }
      Thread.sleep(300);
    }
    throw new AssertionError(name + " did not get there within " + WAIT + ": " + last);
  }
}
