package io.fleetgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.LocalFinding;
import io.fleetgate.console.editor.EditorViewModel;
import io.fleetgate.console.fleet.FleetRow;
import io.fleetgate.console.ui.Screenshots;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.eclipse.jgit.api.Git;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the console: open a manifest in the editor, introduce a violation and see the
 * finding appear at its line, fix it, commit, push, and watch the embedded platform apply the new
 * revision to every sandbox cluster.
 */
@SandboxFleetTest
class ConsoleEditorIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private static final String MANIFEST = "bundles/payments/payment-gateway.yaml";
  private static final String IMAGE = "registry.fleetgate.io/payments/payment-gateway:";

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @Test
  void aViolationShowsAsYouTypeAndTheFixReachesEveryCluster(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo origin = FleetRepo.seed(work.resolve("fleet"));
    try (Git git = Git.open(origin.dir().toFile())) {
      var config = git.getRepository().getConfig();
      config.setString("receive", null, "denyCurrentBranch", "updateInstead");
      config.save();
    }
    PlatformConnection connection =
        PlatformConnection.embedded(
            new PlatformConnection.Embedded(
                origin.dir(), sandbox.managementKubeconfig(), work.resolve("data"), 0));
    Stage stage = onFx(Stage::new);
    MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
    AutoCloseable events = ConsoleApp.follow(connection, models);
    try {
      Scene scene = stage.getScene();
      MainWindow window = (MainWindow) scene.getRoot();
      EditorViewModel editor =
          ConsoleApp.openEditor(window, connection, work.resolve("workspace"), background)
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      try (Git workspace = Git.open(work.resolve("workspace").toFile())) {
        var config = workspace.getRepository().getConfig();
        config.setString("user", null, "name", "Ana Operator");
        config.setString("user", null, "email", "ana@example.com");
        config.save();
      }
      onFx(
          () -> {
            TabPane tabs = (TabPane) scene.lookup("#tabs");
            tabs.getSelectionModel()
                .select(
                    tabs.getTabs().stream()
                        .filter(t -> "tab-editor".equals(t.getId()))
                        .findFirst()
                        .orElseThrow());
            return null;
          });
      @SuppressWarnings("unchecked")
      javafx.scene.control.TreeView<io.fleetgate.console.editor.EditorView.FileNode> files =
          (javafx.scene.control.TreeView<io.fleetgate.console.editor.EditorView.FileNode>)
              FxTesting.lookup(scene, "#editor-files");
      awaitFx(() -> find(files.getRoot(), MANIFEST) != null);
      assertThat(
              onFx(
                  () ->
                      files.getRoot().getChildren().stream()
                          .map(i -> i.getValue().name())
                          .toList()))
          .as("directories first level of the working copy")
          .contains("bundles", "fleet.yaml");
      onFx(
          () -> {
            files.getSelectionModel().select(find(files.getRoot(), MANIFEST));
            return null;
          });
      CodeArea code = (CodeArea) FxTesting.lookup(scene, "#editor-code");
      awaitFx(() -> code.getText().contains(IMAGE + "4.12.3"));
      int imageLine = lineOf(onFx(code::getText), IMAGE);

      // Introduce a violation by typing: the finding appears at the image's line.
      onFx(
          () -> {
            code.replaceText(code.getText().replace(IMAGE + "4.12.3", IMAGE + "latest"));
            return null;
          });
      @SuppressWarnings("unchecked")
      ListView<LocalFinding> findings =
          (ListView<LocalFinding>) FxTesting.lookup(scene, "#editor-findings");
      awaitFx(() -> findings.getItems().stream().anyMatch(f -> f.policy().equals("image_pinned")));
      LocalFinding finding =
          onFx(
              () ->
                  findings.getItems().stream()
                      .filter(f -> f.policy().equals("image_pinned"))
                      .findFirst()
                      .orElseThrow());
      assertThat(finding.level()).isEqualTo("deny");
      assertThat(finding.line()).as("the Deployment's line").isEqualTo(1);
      assertThat(finding.message()).contains(IMAGE + "latest");
      assertThat(finding.controls()).contains("PCI-DSS-v4.0:6.3.2");
      assertThat(onFx(() -> code.getParagraph(0).getParagraphStyle())).contains("finding-deny");
      screenshot(scene, "editor-violation.png");
      assertThat(imageLine).isGreaterThan(1);

      // Fix it: the finding goes away.
      onFx(
          () -> {
            code.replaceText(code.getText().replace(IMAGE + "latest", IMAGE + "4.12.4"));
            return null;
          });
      awaitFx(() -> findings.getItems().stream().noneMatch(EditorViewModel::blocking));
      editor.showDiff().get(30, TimeUnit.SECONDS);
      screenshot(scene, "editor-fixed.png");

      // Commit and push; the platform syncs the new revision to every cluster.
      editor.commit("Payment gateway 4.12.4", true).get(30, TimeUnit.SECONDS);
      assertThat(onFx(() -> editor.messageProperty().get())).startsWith("Committed ");
      editor.push().get(60, TimeUnit.SECONDS);
      assertThat(onFx(() -> editor.messageProperty().get())).startsWith("Pushed to origin.");
      String pushed;
      try (Git git = Git.open(origin.dir().toFile())) {
        pushed = git.getRepository().resolve("HEAD").name();
        var commit = git.log().setMaxCount(1).call().iterator().next();
        assertThat(commit.getFullMessage())
            .contains("Payment gateway 4.12.4")
            .contains("Signed-off-by: Ana Operator <ana@example.com>");
      }
      awaitFx(
          () -> {
            List<FleetRow> rows = models.fleet().visibleRows();
            return rows.size() == 3
                && rows.stream()
                    .allMatch(r -> r.commit().equals(pushed) && r.outcome().equals("synced"));
          });
      onFx(
          () -> {
            ((TabPane) scene.lookup("#tabs")).getSelectionModel().select(0);
            return null;
          });
      screenshot(scene, "fleet-after-push.png");
      GroupVersionKind deployment = new GroupVersionKind("apps", "v1", "Deployment");
      for (String cluster : List.of("beijing-prod", "guangzhou-prod")) {
        assertThat(
                sandbox
                    .cluster(cluster)
                    .get(deployment, "payments", "payment-gateway")
                    .orElseThrow()
                    .json()
                    .toString())
            .as(cluster)
            .contains(IMAGE + "4.12.4");
      }
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

  private static javafx.scene.control.TreeItem<io.fleetgate.console.editor.EditorView.FileNode>
      find(
          javafx.scene.control.TreeItem<io.fleetgate.console.editor.EditorView.FileNode> item,
          String path) {
    if (item == null) {
      return null;
    }
    if (item.getValue() != null && item.getValue().file() && item.getValue().path().equals(path)) {
      return item;
    }
    for (var child : item.getChildren()) {
      var found = find(child, path);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not found");
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
    return result.get(30, TimeUnit.SECONDS);
  }

  private static void awaitFx(Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + TIMEOUT);
      }
      Thread.sleep(100);
    }
  }
}
