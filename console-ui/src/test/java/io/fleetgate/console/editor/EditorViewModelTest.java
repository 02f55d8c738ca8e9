package io.fleetgate.console.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.LocalFinding;
import io.fleetgate.console.ui.UiThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditorViewModelTest {

  private static final UiThread DIRECT = new UiThread(Runnable::run, Runnable::run);

  private static LocalFinding finding(String path, int line, String level, String message) {
    return new LocalFinding(
        path,
        line,
        "Pod apps/p",
        "image_pinned",
        level,
        "high",
        List.of("PCI-DSS-v4.0:6.3.2"),
        message,
        "",
        List.of("a"));
  }

  /** A Git repository (origin) with two files, and the editor's clone of it. */
  private static Workspace workspace(Path dir) throws Exception {
    Path origin = dir.resolve("origin");
    Files.createDirectories(origin.resolve("apps"));
    Files.writeString(origin.resolve("apps/pod.yaml"), "kind: Pod\n");
    Files.writeString(origin.resolve("fleet.yaml"), "kind: Fleet\n");
    Files.writeString(origin.resolve("README.md"), "not edited here\n");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(origin.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("init")
          .setAuthor("A", "a@example.com")
          .setCommitter("A", "a@example.com")
          .setSign(false)
          .call();
    }
    return Workspace.open(dir.resolve("clone"), origin.toUri().toString());
  }

  @Test
  void listsEditableFilesAndShowsTheFindingsOfTheOpenOneByLine(@TempDir Path dir) throws Exception {
    Workspace workspace = workspace(dir);
    EditorViewModel model =
        new EditorViewModel(
            workspace,
            copy ->
                List.of(
                    finding("apps/pod.yaml", 9, "warn", "later"),
                    finding("apps/pod.yaml", 1, "deny", "first"),
                    finding("fleet.yaml", 1, "deny", "elsewhere")),
            DIRECT,
            () -> {});

    model.open().join();
    model.select("apps/pod.yaml").join();

    assertThat(model.files()).containsExactly("apps/pod.yaml", "fleet.yaml");
    assertThat(model.textProperty().get()).isEqualTo("kind: Pod\n");
    assertThat(model.findings())
        .extracting(LocalFinding::message)
        .containsExactly("first", "later");
    assertThat(model.statusProperty().get())
        .isEqualTo("2 denial(s) in the repository, 1 in this file");
  }

  @Test
  void checksTheUnsavedTextInAScratchCopyAndTheLatestCheckWins(@TempDir Path dir) throws Exception {
    Workspace workspace = workspace(dir);
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    var background = Executors.newVirtualThreadPerTaskExecutor();
    EditorViewModel model =
        new EditorViewModel(
            workspace,
            copy -> {
              String text = Files.readString(copy.resolve("apps/pod.yaml"));
              if (text.contains("slow")) {
                slowStarted.countDown();
                release.await(5, TimeUnit.SECONDS);
                return List.of(finding("apps/pod.yaml", 1, "deny", "stale"));
              }
              return text.contains("latest")
                  ? List.of(finding("apps/pod.yaml", 1, "deny", "current"))
                  : List.of();
            },
            new UiThread(background, Runnable::run),
            () -> {});
    model.select("apps/pod.yaml").join();

    model.textProperty().set("kind: Pod # slow\n");
    var slow = model.check();
    slowStarted.await(5, TimeUnit.SECONDS);
    model.textProperty().set("kind: Pod\nimage: x:latest\n");
    model.check().join();
    release.countDown();
    slow.join();

    assertThat(model.findings()).extracting(LocalFinding::message).containsExactly("current");
    assertThat(Files.readString(workspace.root().resolve("apps/pod.yaml")))
        .as("checking never writes the working copy")
        .isEqualTo("kind: Pod\n");
    background.shutdownNow();
  }

  @Test
  void commitsWithASignOffAndExplainsWhatCannotBeDone(@TempDir Path dir) throws Exception {
    Workspace workspace = workspace(dir);
    EditorViewModel model = new EditorViewModel(workspace, copy -> List.of(), DIRECT, () -> {});
    model.select("apps/pod.yaml").join();

    model.commit("Nothing yet", true).join();
    assertThat(model.messageProperty().get())
        .isEqualTo("There is nothing to commit: no file differs from HEAD.");

    model.textProperty().set("kind: Pod\nmetadata: {name: p}\n");
    model.commit(" ", true).join();
    assertThat(model.messageProperty().get()).startsWith("A commit needs a message");

    model.commit("Name the pod", true).join();
    assertThat(model.messageProperty().get()).startsWith("Committed ");
    try (Git git = Git.open(workspace.root().toFile())) {
      String message = git.log().setMaxCount(1).call().iterator().next().getFullMessage();
      assertThat(message).startsWith("Name the pod").contains("Signed-off-by: ");
    }
    model.showDiff().join();
    assertThat(model.diffProperty().get()).isEqualTo("No changes against HEAD.");
  }

  @Test
  void aPullThatConflictsIsUndoneAndExplainedInWords(@TempDir Path dir) throws Exception {
    Workspace workspace = workspace(dir);
    Path origin = dir.resolve("origin");
    Files.writeString(origin.resolve("apps/pod.yaml"), "kind: Pod\nmetadata: {name: theirs}\n");
    try (Git git = Git.open(origin.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("theirs")
          .setAuthor("B", "b@example.com")
          .setCommitter("B", "b@example.com")
          .setSign(false)
          .call();
    }
    EditorViewModel model = new EditorViewModel(workspace, copy -> List.of(), DIRECT, () -> {});
    model.select("apps/pod.yaml").join();
    model.textProperty().set("kind: Pod\nmetadata: {name: mine}\n");
    model.commit("mine", false).join();

    model.pull().join();

    assertThat(model.messageProperty().get())
        .isEqualTo(
            "Your commits and the ones on origin change the same lines in apps/pod.yaml. Nothing"
                + " was changed here: edit those files to agree with origin's version (see the"
                + " diff), commit, and pull again.");
    assertThat(Files.readString(workspace.root().resolve("apps/pod.yaml")))
        .as("the rebase was undone")
        .isEqualTo("kind: Pod\nmetadata: {name: mine}\n");
  }
}
