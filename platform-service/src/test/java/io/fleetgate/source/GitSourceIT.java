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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching over HTTP from git http-backend, with an access token, as from a Git host. */
class GitSourceIT {

  private static final String TOKEN = "glpat-s3cr3t-t0ken-for-the-fleet";

  @Test
  void fetchesOverHttpWithAToken(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("repos/fleet"));
    try (GitHttpServer server = GitHttpServer.serve(work.resolve("repos"), TOKEN)) {
      GitSource source =
          new GitSource(server.url("fleet"), "main", work.resolve("data"), null, TOKEN);

      SourceFetcher.Fetch first = source.fetch();
      assertThat(first).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
      assertThat(first.worktree().resolve("fleet.yaml")).isRegularFile();

      String next =
          repo.write(
                  "bundles/baseline/extra.yaml",
                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: ingress\n")
              .commit("Extra");
      SourceFetcher.Fetch second = source.fetch();
      assertThat(second.revision().commit()).isEqualTo(next);
      assertThat(second.worktree().resolve("bundles/baseline/extra.yaml")).isRegularFile();
    }
  }

  @Test
  void aRemoteThatTricklesIsGivenUpAtTheFetchDeadlineAndTheCopyKeptAsStale(@TempDir Path work)
      throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("repos/fleet"));
    try (GitHttpServer server = GitHttpServer.serve(work.resolve("repos"), TOKEN)) {
      GitSource source =
          new GitSource(
              server.url("fleet"),
              "main",
              work.resolve("data"),
              null,
              TOKEN,
              null,
              java.time.Duration.ofSeconds(3));
      SourceFetcher.Fetch first = source.fetch();
      assertThat(first).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
      repo.write("bundles/baseline/late.yaml", "apiVersion: v1\nkind: ConfigMap\n").commit("Late");
      // A byte every 200 ms: JGit's 30 s per-read timeout never fires, and the answers take
      // minutes.
      server.trickle(java.time.Duration.ofMillis(200));

      long started = System.nanoTime();
      SourceFetcher.Fetch second = source.fetch();
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

      assertThat(second).isInstanceOf(SourceFetcher.Fetch.Stale.class);
      assertThat(second.revision().commit()).isEqualTo(first.revision().commit());
      assertThat(((SourceFetcher.Fetch.Stale) second).reason())
          .isEqualTo(
              "cannot fetch " + server.url("fleet") + ": the fetch passed its deadline of 3 s");
      assertThat(took).isLessThan(java.time.Duration.ofSeconds(3 + 5));
      assertThat(second.worktree().resolve("bundles/baseline/late.yaml")).doesNotExist();
    }
  }

  @Test
  void aWrongTokenIsRefusedWithoutRevealingIt(@TempDir Path work) throws Exception {
    FleetRepo.seed(work.resolve("repos/fleet"));
    try (GitHttpServer server = GitHttpServer.serve(work.resolve("repos"), TOKEN)) {
      String wrong = "not-the-right-token-123";
      GitSource source =
          new GitSource(server.url("fleet"), "main", work.resolve("data"), null, wrong);

      assertThatThrownBy(source::fetch)
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("not authorized")
          .hasMessageContaining("Check the URL, the branch and the credentials")
          .hasMessageNotContaining(wrong)
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void credentialsInTheUrlNeverShow(@TempDir Path work) throws Exception {
    FleetRepo.seed(work.resolve("repos/fleet"));
    try (GitHttpServer server = GitHttpServer.serve(work.resolve("repos"), TOKEN)) {
      String url = server.url("fleet").replace("http://", "http://fleetgate:" + TOKEN + "@");
      GitSource source = new GitSource(url, "main", work.resolve("data"), null, null);

      assertThat(source.fetch()).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
      assertThat(source.describe()).doesNotContain(TOKEN).startsWith("http://127.0.0.1:");
    }
  }

  @Test
  void fetchesOverSshWithAKeyAndRefusesAnUnknownHost(@TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("repos/fleet"));
    Path key = work.resolve("id_rsa");
    run(
        work,
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
        "-C",
        "fleetgate",
        "-f",
        key.toString());
    Path authorized = work.resolve("authorized_keys");
    Files.copy(Path.of(key + ".pub"), authorized);
    try (GitSshServer server = GitSshServer.start(authorized, work)) {
      Path knownHosts = work.resolve("known_hosts");
      Files.writeString(knownHosts, server.knownHostsLine() + "\n");
      String url = "ssh://git@127.0.0.1:" + server.port() + repo.dir();

      GitSource source =
          new GitSource(
              url, "main", work.resolve("data"), null, null, new SshAccess(key, knownHosts));
      SourceFetcher.Fetch fetch = source.fetch();
      assertThat(fetch).isInstanceOf(SourceFetcher.Fetch.Fresh.class);
      assertThat(fetch.worktree().resolve("fleet.yaml")).isRegularFile();

      Path strangers = work.resolve("other_known_hosts");
      Files.writeString(
          strangers,
          "[127.0.0.1]:"
              + server.port()
              + " "
              + Files.readString(Path.of(key + ".pub")).split(" ")[0]
              + " "
              + Files.readString(Path.of(key + ".pub")).split(" ")[1]
              + "\n");
      GitSource impostor =
          new GitSource(
              url, "main", work.resolve("data-2"), null, null, new SshAccess(key, strangers));
      assertThatThrownBy(impostor::fetch)
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("Check the URL");
    }
  }

  private static void run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
