package io.fleetgate.source.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeUpdateTest {

  @TempDir Path dir;

  @Test
  void unlinksWhatTheTipChangesOrRemovesAndNothingElse() throws Exception {
    Path tree = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("main").call()) {
      write(tree, "bundles/apps/changed.yaml", "a: 1\n");
      write(tree, "bundles/apps/removed.yaml", "b: 1\n");
      write(tree, "bundles/apps/kept.yaml", "c: 1\n");
      commit(git, "first");
      ObjectId first = git.getRepository().resolve("HEAD");
      write(tree, "bundles/apps/changed.yaml", "a: 2\n");
      Files.delete(tree.resolve("bundles/apps/removed.yaml"));
      write(tree, "bundles/apps/added.yaml", "d: 1\n");
      ObjectId second = commit(git, "second");
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(first.name()).call();

      WorktreeUpdate.clearChanged(git.getRepository(), second);

      assertThat(tree.resolve("bundles/apps/changed.yaml")).doesNotExist();
      assertThat(tree.resolve("bundles/apps/removed.yaml")).doesNotExist();
      assertThat(tree.resolve("bundles/apps/kept.yaml")).hasContent("c: 1");
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(second.name()).call();
      assertThat(tree.resolve("bundles/apps/changed.yaml")).hasContent("a: 2");
      assertThat(tree.resolve("bundles/apps/added.yaml")).hasContent("d: 1");
      assertThat(tree.resolve("bundles/apps/removed.yaml")).doesNotExist();
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void neverFollowsALinkTheCheckedOutCommitMadeOutOfTheWorkingTree() throws Exception {
    Path outside = dir.resolve("outside");
    write(outside, "secret.yaml", "precious\n");
    Path tree = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(tree);
      Files.createSymbolicLink(tree.resolve("bundles"), outside);
      write(tree, "README.md", "x\n");
      commit(git, "bundles is a link");
      ObjectId linked = git.getRepository().resolve("HEAD");
      Files.delete(tree.resolve("bundles"));
      write(tree, "bundles/secret.yaml", "replaced\n");
      ObjectId directory = commit(git, "bundles is a directory");
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(linked.name()).call();
      assertThat(Files.isSymbolicLink(tree.resolve("bundles"))).isTrue();

      WorktreeUpdate.clearChanged(git.getRepository(), directory);

      assertThat(outside.resolve("secret.yaml")).hasContent("precious");
    }
  }

  @Test
  void leavesAWorkingTreeFileThatIsALinkForTheResetToReplace() throws Exception {
    Path outside = dir.resolve("outside");
    write(outside, "target.yaml", "precious\n");
    Path tree = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("main").call()) {
      write(tree, "bundles/a.yaml", "a: 1\n");
      commit(git, "first");
      write(tree, "bundles/a.yaml", "a: 2\n");
      ObjectId second = commit(git, "second");
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
      Files.delete(tree.resolve("bundles/a.yaml"));
      Files.createSymbolicLink(tree.resolve("bundles/a.yaml"), outside.resolve("target.yaml"));

      WorktreeUpdate.clearChanged(git.getRepository(), second);

      assertThat(Files.isSymbolicLink(tree.resolve("bundles/a.yaml"))).isTrue();
      assertThat(outside.resolve("target.yaml")).hasContent("precious");
    }
  }

  @Test
  void doesNothingWhenTheTipIsCheckedOut() throws Exception {
    Path tree = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("main").call()) {
      write(tree, "a.yaml", "a: 1\n");
      ObjectId only = commit(git, "only");

      WorktreeUpdate.clearChanged(git.getRepository(), only);

      assertThat(tree.resolve("a.yaml")).hasContent("a: 1");
    }
  }

  private static void write(Path root, String path, String text) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static ObjectId commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setSign(false).call().getId();
  }
}
