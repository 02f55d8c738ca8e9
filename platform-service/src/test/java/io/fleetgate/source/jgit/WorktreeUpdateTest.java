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

  /** A commit whose tree holds {@code .git/config} and a changed bundle file, as a hostile push. */
  private static ObjectId hostile(Git git, ObjectId parent) throws Exception {
    var repo = git.getRepository();
    try (var inserter = repo.newObjectInserter()) {
      var dotGit = new org.eclipse.jgit.lib.TreeFormatter();
      dotGit.append(
          "config",
          org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
          inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, "[core]\n".getBytes()));
      var bundles = new org.eclipse.jgit.lib.TreeFormatter();
      bundles.append(
          "a.yaml",
          org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
          inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, "a: 666\n".getBytes()));
      var root = new org.eclipse.jgit.lib.TreeFormatter();
      root.append(".git", org.eclipse.jgit.lib.FileMode.TREE, inserter.insert(dotGit));
      root.append("bundles", org.eclipse.jgit.lib.FileMode.TREE, inserter.insert(bundles));
      var commit = new org.eclipse.jgit.lib.CommitBuilder();
      commit.setTreeId(inserter.insert(root));
      commit.setParentId(parent);
      var who = new org.eclipse.jgit.lib.PersonIdent("mallory", "m@example.com");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("hostile");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  @Test
  void neverUnlinksWhatAHostileTreePutsUnderDotGit() throws Exception {
    Path tree = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(tree.toFile()).setInitialBranch("main").call()) {
      write(tree, "bundles/a.yaml", "a: 1\n");
      ObjectId first = commit(git, "first");
      ObjectId bad = hostile(git, first);
      String config = Files.readString(tree.resolve(".git/config"));

      WorktreeUpdate.clearChanged(git.getRepository(), bad);

      assertThat(tree.resolve(".git/config")).hasContent(config.strip());
    }
  }

  @Test
  void aFetchAfterAHostileTipThatWasRefusedRecoversOnceTheBranchIsFixed() throws Exception {
    Path origin = dir.resolve("origin");
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      write(origin, "bundles/a.yaml", "a: 1\n");
      ObjectId first = commit(git, "first");
      GitSource source = new GitSource(origin.toUri().toString(), "main", dir.resolve("data"));
      assertThat(source.fetch()).isInstanceOf(io.fleetgate.source.SourceFetcher.Fetch.Fresh.class);
      Path copy = source.worktree();
      String config = Files.readString(copy.resolve(".git/config"));

      var update = git.getRepository().updateRef("refs/heads/main");
      update.setNewObjectId(hostile(git, first));
      update.forceUpdate();
      try {
        source.fetch();
      } catch (io.fleetgate.source.SourceException refused) {
        // A tree that cannot be checked out is an error of this fetch, not of the next one.
      }
      assertThat(copy.resolve(".git/config")).hasContent(config.strip());

      update = git.getRepository().updateRef("refs/heads/main");
      update.setNewObjectId(first);
      update.forceUpdate();
      write(origin, "bundles/a.yaml", "a: 2\n");
      commit(git, "fixed");

      var fetched = source.fetch();

      assertThat(fetched).isInstanceOf(io.fleetgate.source.SourceFetcher.Fetch.Fresh.class);
      assertThat(copy.resolve("bundles/a.yaml")).hasContent("a: 2");
      assertThat(WorktreeUpdate.interrupted(Git.open(copy.toFile()).getRepository())).isFalse();
    }
  }

  @Test
  void anInterruptedCheckoutIsRestoredBeforeTheNextFetchReturns() throws Exception {
    Path origin = dir.resolve("origin");
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      write(origin, "bundles/a.yaml", "a: 1\n");
      write(origin, "bundles/b.yaml", "b: 1\n");
      commit(git, "first");
      GitSource source = new GitSource(origin.toUri().toString(), "main", dir.resolve("data"));
      source.fetch();
      Path copy = source.worktree();
      // As a process stopped between unlinking the changed files and the reset leaves it.
      try (Git local = Git.open(copy.toFile())) {
        WorktreeUpdate.begin(local.getRepository());
      }
      Files.delete(copy.resolve("bundles/a.yaml"));
      Files.writeString(copy.resolve("bundles/b.yaml"), "b: half-writ");
      org.eclipse.jgit.util.FileUtils.delete(
          origin.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);

      var fetched = source.fetch();

      assertThat(fetched).isInstanceOf(io.fleetgate.source.SourceFetcher.Fetch.Stale.class);
      assertThat(copy.resolve("bundles/a.yaml")).hasContent("a: 1");
      assertThat(copy.resolve("bundles/b.yaml")).hasContent("b: 1");
    }
  }

  @Test
  void aBranchLockTakenForAMomentDoesNotFailTheFetch() throws Exception {
    Path origin = dir.resolve("origin");
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      write(origin, "bundles/a.yaml", "a: 1\n");
      commit(git, "first");
      GitSource source = new GitSource(origin.toUri().toString(), "main", dir.resolve("data"));
      source.fetch();
      write(origin, "bundles/a.yaml", "a: 2\n");
      commit(git, "second");
      Path lock = source.worktree().resolve(".git/refs/heads/main.lock");
      Files.createDirectories(lock.getParent());
      Files.writeString(lock, "");
      Thread release =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      Thread.sleep(40);
                      Files.delete(lock);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });

      var fetched = source.fetch();
      release.join();

      assertThat(fetched).isInstanceOf(io.fleetgate.source.SourceFetcher.Fetch.Fresh.class);
      assertThat(source.worktree().resolve("bundles/a.yaml")).hasContent("a: 2");
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
