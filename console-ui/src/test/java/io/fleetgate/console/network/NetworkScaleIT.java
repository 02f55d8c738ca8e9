package io.fleetgate.console.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.FxTesting;
import io.fleetgate.console.ui.Screenshots;
import io.fleetgate.console.ui.UiThread;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Network view with a generated model of 200 workloads in 20 namespaces: every workload is
 * drawn once inside its namespace, the graph and the matrix are saved whole as PNGs, and a selected
 * workload's edges are the ones labelled.
 */
class NetworkScaleIT {

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  /** The generated picture, whatever is asked. */
  private static final class Generated implements NetworkSource {
    @Override
    public List<String> clusters() {
      return List.of("generated");
    }

    @Override
    public List<Revision> revisions() {
      return List.of();
    }

    @Override
    public Picture reachability(String cluster, String revision) {
      return NetworkModels.generated(20, 10);
    }

    @Override
    public Explanation explain(String cluster, String revision, String src, String dst) {
      return new Explanation(src, dst, false, "No Connections", src + " => " + dst + ": denied");
    }

    @Override
    public Diff diff(String cluster, String from, String to) {
      return new Diff(from, to, 0, 0, false, List.of());
    }
  }

  @Test
  void twoHundredWorkloadsAreDrawnOnceEachAndSavedWhole() throws Exception {
    NetworkViewModel model =
        new NetworkViewModel(new Generated(), UiThread.javafx(Runnable::run), 1040);
    Stage stage = onFx(Stage::new);
    Scene scene =
        onFx(
            () -> {
              Application.setUserAgentStylesheet(
                  new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
              Scene s =
                  new Scene(new NetworkView(model, new SimpleBooleanProperty(false)), 1400, 860);
              stage.setScene(s);
              stage.show();
              return s;
            });
    try {
      onFx(model::refresh).get(30, TimeUnit.SECONDS);
      Node graph = onFx(() -> scene.lookup("#network-graph"));
      assertThat(onFx(() -> graph.lookupAll(".network-node").size())).isEqualTo(201);
      assertThat(onFx(() -> graph.lookupAll(".network-namespace").size())).isEqualTo(21);
      // 420 edges: too many to label; a selected workload's are labelled.
      assertThat(onFx(() -> graph.lookupAll(".network-edge").size())).isEqualTo(420);
      assertThat(onFx(() -> graph.lookupAll(".network-edge-label").size())).isZero();
      onFx(
          () -> {
            model.selectedProperty().set("team-03/service-04[Deployment]");
            return null;
          });
      assertThat(onFx(() -> graph.lookupAll(".network-edge-label").size())).isEqualTo(4);
      Path dir = Path.of(System.getProperty("fleetgate.screenshots", "target/screenshots"));
      save(graph, dir.resolve("network-200-workloads.png"));
      save(onFx(() -> scene.lookup("#network-matrix")), dir.resolve("network-200-matrix.png"));
    } finally {
      onFx(
          () -> {
            stage.close();
            return null;
          });
    }
  }

  private static void save(Node node, Path file) throws Exception {
    onFx(
        () -> {
          try {
            return Screenshots.save(node, file);
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
    return result.get(30, TimeUnit.SECONDS);
  }
}
