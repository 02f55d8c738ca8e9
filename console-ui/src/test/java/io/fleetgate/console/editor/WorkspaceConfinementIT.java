package io.fleetgate.console.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet repository whose commits hold symlinks out of it (to a file, and to a directory), cloned
 * by the editor from a real Git repository: the editor lists neither, and neither reads nor writes
 * through them; the files outside stay as they were.
 */
class WorkspaceConfinementIT {

  @TempDir Path dir;
  private Path outside;
  private Workspace workspace;

  @BeforeEach
  void cloneAHostileRepository() throws Exception {
    outside = Files.createDirectories(dir.resolve("home"));
    Files.writeString(outside.resolve("credentials.yaml"), "token: host-secret-value\n");
    Files.createDirectories(outside.resolve("ssh"));
    Files.writeString(outside.resolve("ssh").resolve("config.yaml"), "host: original\n");
    Path origin = Files.createDirectories(dir.resolve("origin"));
    Files.writeString(origin.resolve("fleet.yaml"), "kind: Fleet\n");
    Files.createDirectories(origin.resolve("bundles"));
    Files.createSymbolicLink(
        origin.resolve("bundles").resolve("leak.yaml"), outside.resolve("credentials.yaml"));
    Files.createSymbolicLink(origin.resolve("linked"), outside.resolve("ssh"));
    Files.createSymbolicLink(origin.resolve("alias.yaml"), Path.of("fleet.yaml"));
    try (Git git = Git.init().setInitialBranch("main").setDirectory(origin.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("links out of the repository")
          .setAuthor("A", "a@example.com")
          .setCommitter("A", "a@example.com")
          .setSign(false)
          .call();
    }
    workspace = Workspace.open(dir.resolve("clone"), origin.toUri().toString());
    assertThat(Files.isSymbolicLink(workspace.root().resolve("bundles/leak.yaml")))
        .as("Git checks the link out as a link")
        .isTrue();
  }

  @Test
  void linksOutOfTheRepositoryAreNotListed() throws Exception {
    assertThat(workspace.files())
        .contains("fleet.yaml", "alias.yaml")
        .doesNotContain("bundles/leak.yaml", "linked/config.yaml");
  }

  @Test
  void nothingIsReadThroughALinkOutOfTheRepository() {
    assertThatThrownBy(() -> workspace.read("bundles/leak.yaml"))
        .isInstanceOf(EditorException.class)
        .hasMessageContaining("bundles/leak.yaml")
        .hasMessageContaining("outside the working copy")
        .hasMessageContaining("Replace the link")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("host-secret-value"));
    assertThatThrownBy(() -> workspace.read("linked/config.yaml"))
        .isInstanceOf(EditorException.class)
        .hasMessageContaining("outside the working copy");
  }

  @Test
  void nothingIsWrittenThroughALinkOutOfTheRepository() throws Exception {
    assertThatThrownBy(() -> workspace.write("bundles/leak.yaml", "token: overwritten\n"))
        .isInstanceOf(EditorException.class)
        .hasMessageContaining("outside the working copy");
    assertThatThrownBy(() -> workspace.write("linked/new.yaml", "planted: true\n"))
        .isInstanceOf(EditorException.class)
        .hasMessageContaining("outside the working copy");
    assertThatThrownBy(() -> workspace.write("linked/config.yaml", "host: attacker\n"))
        .isInstanceOf(EditorException.class);

    assertThat(Files.readString(outside.resolve("credentials.yaml")))
        .isEqualTo("token: host-secret-value\n");
    assertThat(Files.readString(outside.resolve("ssh").resolve("config.yaml")))
        .isEqualTo("host: original\n");
    assertThat(outside.resolve("ssh").resolve("new.yaml")).doesNotExist();
  }

  @Test
  void theCheckersScratchCopyHoldsNothingReadThroughALink() throws Exception {
    var background = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    java.util.List<String> copied = new java.util.concurrent.CopyOnWriteArrayList<>();
    EditorViewModel model =
        new EditorViewModel(
            workspace,
            copy -> {
              try (var walk = Files.walk(copy)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                  if (!Files.isSymbolicLink(file)
                      && !Files.isSymbolicLink(file.getParent())
                      && Files.readString(file).contains("host-secret-value")) {
                    copied.add(copy.relativize(file).toString());
                  }
                }
                assertThat(Files.isSymbolicLink(copy.resolve("bundles/leak.yaml"))).isTrue();
              }
              return java.util.List.of();
            },
            new io.fleetgate.console.ui.UiThread(background, Runnable::run),
            () -> {});
    try {
      model.open().join();
      model.check().join();
      assertThat(copied).as("files holding the host's secret in the scratch copy").isEmpty();
    } finally {
      background.shutdownNow();
    }
  }

  @Test
  void aLinkInsideTheRepositoryStillWorksAndOrdinaryFilesToo() throws Exception {
    assertThat(workspace.read("alias.yaml")).isEqualTo("kind: Fleet\n");
    workspace.write("bundles/new.yaml", "kind: ConfigMap\n");
    assertThat(workspace.read("bundles/new.yaml")).isEqualTo("kind: ConfigMap\n");
    assertThatThrownBy(() -> workspace.read("../home/credentials.yaml"))
        .hasMessageContaining("outside the working copy");
  }
}
