package io.fleetgate.source.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.argocd.deploy.RenderedTree;
import io.fleetgate.argocd.deploy.RenderedTrees;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.plan.DesiredObject;
import io.fleetgate.testing.GitHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendered trees published on a branch of real Git repositories (the git CLI reads them back). */
class RenderedBranchIT {

  private static final String SOURCE = "0123456789abcdef0123456789abcdef01234567";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);
  private static final ClusterTarget BEIJING =
      new ClusterTarget("fleet", "beijing-prod", Map.of(), ClusterPhase.PROVISIONED);
  private static final ClusterTarget GUANGZHOU =
      new ClusterTarget("fleet", "guangzhou-prod", Map.of(), ClusterPhase.PROVISIONED);

  private static DesiredObject configMap(String bundle, String name) {
    return new DesiredObject(
        new ObjectRef("", "ConfigMap", "default", name),
        bundle,
        "v1",
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Map.of("name", name, "namespace", "default"),
            "data",
            Map.of("k", name)),
        "h",
        "bundles/" + bundle + "/c.yaml:1");
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
    return out.strip();
  }

  private static Path bareRemote(Path work) throws Exception {
    Path remote = work.resolve("rendered.git");
    Files.createDirectories(remote);
    git(remote, "init", "-q", "--bare");
    return remote;
  }

  private static List<String> files(Path remote) throws Exception {
    return List.of(
        git(remote, "ls-tree", "-r", "--name-only", RenderedBranch.DEFAULT_BRANCH).split("\n"));
  }

  @Test
  void aTreeIsCommittedAsFleetgateAndTheSameTreeAgainMakesNoCommit(@TempDir Path work)
      throws Exception {
    Path remote = bareRemote(work);
    RenderedBranch branch = branch(remote.toUri().toString(), work, null);
    RenderedTree tree = RenderedTree.of(BEIJING, List.of(configMap("baseline", "a")));

    RenderedTrees.Published first = branch.publish(tree, SOURCE);
    assertThat(first.changed()).isTrue();
    assertThat(git(remote, "rev-parse", RenderedBranch.DEFAULT_BRANCH)).isEqualTo(first.commit());
    assertThat(git(remote, "log", "-1", "--format=%an <%ae>%n%s", first.commit()))
        .isEqualTo(
            "Fleetgate <fleetgate@fleetgate.invalid>\nRender fleet/beijing-prod from " + SOURCE);
    assertThat(
            git(
                remote,
                "show",
                first.commit() + ":fleet/beijing-prod/baseline/core/ConfigMap/default/a.json"))
        .contains("\"k\" : \"a\"");

    RenderedTrees.Published again =
        branch(remote.toUri().toString(), work.resolve("other-data"), null).publish(tree, SOURCE);
    assertThat(again).isEqualTo(new RenderedTrees.Published(first.commit(), false));
    assertThat(git(remote, "rev-list", "--count", RenderedBranch.DEFAULT_BRANCH)).isEqualTo("1");
  }

  @Test
  void aClusterReplacesOnlyItsOwnDirectoryAndKeepsWhatOthersCommitted(@TempDir Path work)
      throws Exception {
    Path remote = bareRemote(work);
    RenderedBranch branch = branch(remote.toUri().toString(), work, null);
    branch.publish(
        RenderedTree.of(BEIJING, List.of(configMap("baseline", "a"), configMap("payments", "b"))),
        SOURCE);
    branch.publish(RenderedTree.of(GUANGZHOU, List.of(configMap("baseline", "a"))), SOURCE);

    // Another writer commits on the branch meanwhile: a file of its own.
    Path clone = work.resolve("clone");
    git(
        work,
        "clone",
        "-q",
        "--branch",
        RenderedBranch.DEFAULT_BRANCH,
        remote.toString(),
        clone.toString());
    Files.createDirectories(clone.resolve("notes"));
    Files.writeString(clone.resolve("notes/README.md"), "hand-written\n");
    git(clone, "add", "-A");
    git(
        clone,
        "-c",
        "user.name=someone",
        "-c",
        "user.email=s@example.com",
        "commit",
        "-q",
        "-m",
        "notes");
    git(clone, "push", "-q", "origin", RenderedBranch.DEFAULT_BRANCH);

    RenderedTrees.Published smaller =
        branch.publish(RenderedTree.of(BEIJING, List.of(configMap("baseline", "a"))), SOURCE);
    assertThat(smaller.changed()).isTrue();
    assertThat(files(remote))
        .containsExactly(
            "fleet/beijing-prod/baseline/core/ConfigMap/default/a.json",
            "fleet/guangzhou-prod/baseline/core/ConfigMap/default/a.json",
            "notes/README.md");
    assertThat(git(remote, "rev-list", "--count", RenderedBranch.DEFAULT_BRANCH)).isEqualTo("4");
  }

  @Test
  void aPushTheRemoteRefusesOnceIsBuiltAgainAndLands(@TempDir Path work) throws Exception {
    // Served by git's own http-backend, which runs the repository's hooks.
    Path remote = bareRemote(work.resolve("repos"));
    Path marker = work.resolve("refused-once");
    Path hook = remote.resolve("hooks/pre-receive");
    Files.writeString(
        hook,
        "#!/bin/sh\nif [ ! -e '%s' ]; then touch '%s'; echo 'busy, try again' >&2; exit 1; fi\n"
            .formatted(marker, marker));
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    RenderedTrees.Published published;
    try (GitHttpServer server = GitHttpServer.serve(work.resolve("repos"), "t0ken")) {
      published =
          branch(server.url("rendered.git"), work, "t0ken")
              .publish(RenderedTree.of(BEIJING, List.of(configMap("baseline", "a"))), SOURCE);
    }
    assertThat(Files.exists(marker)).as("the first push was refused").isTrue();
    assertThat(git(remote, "rev-parse", RenderedBranch.DEFAULT_BRANCH))
        .isEqualTo(published.commit());
  }

  @Test
  void aRemoteThatAlwaysRefusesFailsWithTheRepositoryAndWithoutTheToken(@TempDir Path work)
      throws Exception {
    Path repos = work.resolve("repos");
    Path remote = bareRemote(repos);
    try (GitHttpServer server = GitHttpServer.serve(repos, "right-token")) {
      String url = server.url("rendered.git");
      RenderedTree tree = RenderedTree.of(BEIJING, List.of(configMap("baseline", "a")));
      assertThat(branch(url, work.resolve("ok"), "right-token").publish(tree, SOURCE).changed())
          .isTrue();
      assertThatThrownBy(
              () ->
                  branch(url, work.resolve("wrong"), "wrong-token-s3cr3t")
                      .publish(RenderedTree.of(GUANGZHOU, List.of()), SOURCE))
          .isInstanceOf(RenderedTrees.PublishException.class)
          .hasMessageContaining("fleet/guangzhou-prod")
          .hasMessageContaining(url)
          .hasMessageContaining("after 5 attempts")
          .hasMessageNotContaining("wrong-token-s3cr3t");
    }
    assertThat(files(remote))
        .containsExactly("fleet/beijing-prod/baseline/core/ConfigMap/default/a.json");
  }

  private static RenderedBranch branch(String remote, Path data, String token) {
    return new RenderedBranch(remote, RenderedBranch.DEFAULT_BRANCH, data, token, null, CLOCK);
  }
}
