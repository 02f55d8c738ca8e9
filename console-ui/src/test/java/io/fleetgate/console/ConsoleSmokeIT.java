package io.fleetgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.console.fleet.FleetOverviewViewModel;
import io.fleetgate.console.ui.Screenshots;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Opens the real main window under Xvfb against the sandbox fleet and takes a screenshot. */
@SandboxFleetTest
class ConsoleSmokeIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeAll
  static void startToolkit() throws Exception {
    String display = System.getenv("DISPLAY");
    assertThat(display)
        .as("The console tests need a display. Run them under 'xvfb-run -a' (bin/test does).")
        .isNotBlank();
    CompletableFuture<Void> started = new CompletableFuture<>();
    try {
      Platform.startup(() -> started.complete(null));
    } catch (IllegalStateException alreadyRunning) {
      started.complete(null);
    }
    started.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Platform.setImplicitExit(false);
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @Test
  void mainWindowShowsTheSandboxFleetDiscoveredThroughClusterApi(SandboxFleetHandle sandbox)
      throws Exception {
    Stage stage = onFx(Stage::new);
    onFx(
        () ->
            ConsoleApp.show(
                    stage, PlatformConnection.embedded(sandbox.managementKubeconfig()), background)
                .refresh());
    Scene scene = stage.getScene();
    @SuppressWarnings("unchecked")
    TableView<ClusterSummary> table = (TableView<ClusterSummary>) scene.lookup("#fleet-table");

    awaitFx(() -> table.getItems().size() == 3);

    assertThat(onFx(() -> table.getItems().stream().map(ClusterSummary::name).toList()))
        .as("sorted by provider: alibaba, aws, vsphere")
        .containsExactly("beijing-prod", "aws-cn-north-1-prod", "guangzhou-prod");
    assertThat(
            onFx(
                () ->
                    table.getItems().stream()
                        .map(FleetOverviewViewModel::health)
                        .distinct()
                        .toList()))
        .containsExactly("Reachable");
    assertThat(
            onFx(
                () ->
                    table.getItems().stream()
                        .map(ClusterSummary::kubernetesVersion)
                        .distinct()
                        .toList()))
        .allSatisfy(version -> assertThat(version).startsWith("v1."));
    assertThat(onFx(() -> ((Label) scene.lookup("#fleet-summary")).getText()))
        .startsWith("3 clusters · 3 reachable");
    assertThat(onFx(() -> ((Label) scene.lookup("#connection")).getText()))
        .contains(sandbox.managementKubeconfig().toString());

    Path png = screenshot(scene, "fleet-overview.png");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo((int) scene.getWidth());
    onFx(
        () -> {
          stage.close();
          return null;
        });
  }

  @Test
  void aMissingManagementClusterIsExplainedInTheWindow() throws Exception {
    Stage stage = onFx(Stage::new);
    onFx(
        () ->
            ConsoleApp.show(
                    stage,
                    PlatformConnection.embedded(Path.of("target/no-such.kubeconfig")),
                    background)
                .refresh());
    Scene scene = stage.getScene();
    Label error = (Label) scene.lookup("#fleet-error");

    awaitFx(error::isVisible);

    assertThat(onFx(error::getText))
        .contains("No management cluster kubeconfig")
        .contains("bin/fleetgate sandbox up");
    screenshot(scene, "fleet-overview-no-management-cluster.png");
    onFx(
        () -> {
          stage.close();
          return null;
        });
  }

  private static Path screenshot(Scene scene, String name) throws Exception {
    Path dir = Path.of(System.getProperty("fleetgate.screenshots", "target/screenshots"));
    return onFx(
        () -> {
          try {
            return Screenshots.save(scene, dir.resolve(name));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static <T> T onFx(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(action.get());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void awaitFx(Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + TIMEOUT);
      }
      Thread.sleep(50);
    }
  }
}
