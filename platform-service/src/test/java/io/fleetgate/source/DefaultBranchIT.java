package io.fleetgate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.source.jgit.GitSource;
import io.fleetgate.source.jgit.SshAccess;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.GitHttpServer;
import io.fleetgate.testing.GitSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a branch, a source follows the remote's default branch (the one its HEAD names), asked of
 * the remote at every fetch; real repositories, local and over HTTP and SSH.
 */
class DefaultBranchIT {

  private static final String TOKEN = "glpat-d3fault-br4nch-token";

  @Test
  void followsAMasterDefaultBranchWithoutABranch(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"), "master");
    GitSource source = new GitSource(GitSource.remoteOf(repo.dir().toString()), null, data(work));
    assertThat(source.describe()).endsWith("/fleet (remote default branch)");

    SourceFetcher.Fetch fetch = source.fetch();

    assertThat(fetch).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
    assertThat(fetch.revision().commit()).isEqualTo(head(repo));
    assertThat(fetch.worktree().resolve("fleet.yaml")).isRegularFile();
    assertThat(source.describe()).endsWith("/fleet#master (remote default)");
  }

  @Test
  void followsTheRemoteHeadToAnotherBranchOnTheNextFetch(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"), "master");
    String onMaster = head(repo);
    GitSource source = new GitSource(GitSource.remoteOf(repo.dir().toString()), null, data(work));
    assertThat(source.fetch().revision().commit()).isEqualTo(onMaster);

    try (Git git = Git.open(repo.dir().toFile())) {
      git.checkout().setCreateBranch(true).setName("trunk").call();
    }
    String onTrunk = repo.write("bundles/baseline/trunk.yaml", configMap("trunk")).commit("Trunk");
    SourceFetcher.Fetch moved = source.fetch();

    assertThat(moved).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
    assertThat(moved.revision().commit()).isEqualTo(onTrunk);
    assertThat(moved.worktree().resolve("bundles/baseline/trunk.yaml")).isRegularFile();
    assertThat(source.describe()).endsWith("#trunk (remote default)");
  }

  @Test
  void anExplicitBranchWinsOverTheRemoteHead(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"), "master");
    String onMaster = head(repo);
    try (Git git = Git.open(repo.dir().toFile())) {
      git.checkout().setCreateBranch(true).setName("trunk").call();
    }
    repo.write("bundles/baseline/trunk.yaml", configMap("trunk")).commit("Trunk");

    GitSource source =
        new GitSource(GitSource.remoteOf(repo.dir().toString()), "master", data(work));
    SourceFetcher.Fetch fetch = source.fetch();

    assertThat(fetch.revision().commit()).isEqualTo(onMaster);
    assertThat(fetch.worktree().resolve("bundles/baseline/trunk.yaml")).doesNotExist();
    assertThat(source.describe()).endsWith("/fleet#master");
  }

  @Test
  void keepsTheLastRevisionAsStaleWhenTheRemoteIsUnreachable(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"), "master");
    String remote = GitSource.remoteOf(repo.dir().toString());
    GitSource source = new GitSource(remote, null, data(work));
    String fetched = source.fetch().revision().commit();

    Files.move(repo.dir(), work.resolve("fleet-gone"));
    SourceFetcher.Fetch stale = source.fetch();
    // After a restart the branch followed last is read back from the working copy.
    GitSource restarted = new GitSource(remote, null, data(work));
    SourceFetcher.Fetch staleAfterRestart = restarted.fetch();

    assertThat(stale).isInstanceOf(SourceFetcher.Fetch.Stale.class);
    assertThat(stale.revision().commit()).isEqualTo(fetched);
    assertThat(((SourceFetcher.Fetch.Stale) stale).reason()).startsWith("cannot fetch");
    assertThat(staleAfterRestart).isInstanceOf(SourceFetcher.Fetch.Stale.class);
    assertThat(staleAfterRestart.revision().commit()).isEqualTo(fetched);
    assertThat(restarted.describe()).endsWith("/fleet#master (remote default)");
  }

  @Test
  void anUnreachableRemoteWithoutAWorkingCopyIsAnError(@TempDir Path work) {
    GitSource source =
        new GitSource(GitSource.remoteOf(work.resolve("nowhere").toString()), null, data(work));

    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("Cannot fetch the default branch of")
        .hasMessageContaining("nowhere");
  }

  @Test
  void aDetachedRemoteHeadAsksForABranch(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"), "master");
    String remote = GitSource.remoteOf(repo.dir().toString());
    GitSource source = new GitSource(remote, null, data(work));
    source.fetch();
    try (Git git = Git.open(repo.dir().toFile())) {
      git.checkout().setName(head(repo)).call();
    }

    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("has no default branch to follow: its HEAD is detached at")
        .hasMessageContaining("Pass --branch");
    assertThat(new GitSource(remote, "master", data(work)).fetch())
        .isInstanceOf(SourceFetcher.Fetch.Fresh.class);
  }

  @Test
  void anEmptyRemoteAsksForABranch(@TempDir Path work) throws Exception {
    Path empty = work.resolve("empty");
    Git.init().setDirectory(empty.toFile()).setInitialBranch("main").call().close();
    GitSource source = new GitSource(GitSource.remoteOf(empty.toString()), null, data(work));

    assertThatThrownBy(source::fetch)
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("has no default branch to follow: the repository is empty")
        .hasMessageContaining("Pass --branch");
  }

  @Test
  void asksTheDefaultBranchOverHttpWithTheToken(@TempDir Path work) throws Exception {
    FleetRepo.seed(work.resolve("repos/fleet"), "master");
    try (GitHttpServer server = GitHttpServer.serve(work.resolve("repos"), TOKEN)) {
      GitSource source = new GitSource(server.url("fleet"), null, data(work), null, TOKEN);
      assertThat(source.fetch()).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
      assertThat(source.describe()).endsWith("/fleet#master (remote default)");

      String wrong = "not-the-right-token-456";
      GitSource refused =
          new GitSource(server.url("fleet"), null, work.resolve("data-2"), null, wrong);
      assertThatThrownBy(refused::fetch)
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("Cannot fetch the default branch")
          .hasMessageContaining("not authorized")
          .hasMessageNotContaining(wrong)
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void asksTheDefaultBranchOverSshWithTheKey(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("repos/fleet"), "master");
    Path key = work.resolve("id_rsa");
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "rsa",
                "-b",
                "3072",
                "-N",
                "",
                "-m",
                "PEM",
                "-f",
                "" + key)
            .redirectErrorStream(true)
            .start();
    assertThat(keygen.waitFor()).as(new String(keygen.getInputStream().readAllBytes())).isZero();
    Path authorized = work.resolve("authorized_keys");
    Files.copy(Path.of(key + ".pub"), authorized);
    try (GitSshServer server = GitSshServer.start(authorized, work)) {
      Path knownHosts = work.resolve("known_hosts");
      Files.writeString(knownHosts, server.knownHostsLine() + "\n");
      String url = "ssh://git@127.0.0.1:" + server.port() + repo.dir();

      GitSource source =
          new GitSource(url, null, data(work), null, null, new SshAccess(key, knownHosts));

      assertThat(source.fetch()).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
      assertThat(source.describe()).endsWith("#master (remote default)");
    }
  }

  private static Path data(Path work) {
    return work.resolve("data");
  }

  private static String head(FleetRepo repo) throws Exception {
    try (Git git = Git.open(repo.dir().toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: ingress\n";
  }
}
