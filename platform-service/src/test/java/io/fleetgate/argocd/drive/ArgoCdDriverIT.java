package io.fleetgate.argocd.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fleetgate.cli.CliRun;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.source.jgit.RenderedBranch;
import io.fleetgate.testing.ArgoCdServer;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.GitHttpServer;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code argocd} driver end to end, on a sandbox fleet of three clusters with a real Argo CD:
 * {@code fleetgate argocd register} registers the fleet, {@code fleetgate sync --driver argocd}
 * validates the example fleet and Argo CD applies it to all three clusters from the rendered
 * branch, each Application pinned to the rendered commit; a commit the policy gate denies never
 * reaches Argo CD.
 */
@SandboxFleetTest(dedicated = true, clusters = 3)
class ArgoCdDriverIT {

  private static final String TOKEN = "rendered-push-token";
  private static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");
  private static final GroupVersionKind POD = new GroupVersionKind("", "v1", "Pod");
  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");

  @Test
  void aValidatedCommitReachesThreeClustersThroughArgoCdAndADeniedOneNeverDoes(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    repo.write(
            "bundles/baseline/extra.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: fleetgate-extra, namespace: ingress}
            data: {purpose: pruned by the next commit}
            """)
        .commit("A ConfigMap the next commit removes");
    Path repos = work.resolve("repos");
    Path rendered =
        GitHttpServer.bareRepository(repos, "rendered.git", RenderedBranch.DEFAULT_BRANCH);
    try (GitHttpServer git = GitHttpServer.serve(repos, TOKEN);
        ArgoCdServer argo =
            ArgoCdServer.start(
                Path.of("target/argocd/driver-it"),
                sandbox.management(),
                sandbox.managementKubeconfig())) {
      String url = git.url("rendered.git");
      ArgoCdServer.declareRepository(sandbox.management(), url, TOKEN);
      CliRun register =
          CliRun.of(
              "argocd",
              "register",
              "--management-kubeconfig",
              sandbox.managementKubeconfig().toString());
      assertThat(register.code()).as(register.out() + register.err()).isZero();

      Path account = work.resolve("argocd-account");
      Files.writeString(account, "admin\n" + argo.adminPassword() + "\n");
      Path renderedToken = work.resolve("rendered-token");
      Files.writeString(renderedToken, TOKEN + "\n");
      String[] sync = {
        "sync",
        "--once",
        "--repo",
        repo.dir().toString(),
        "--management-kubeconfig",
        sandbox.managementKubeconfig().toString(),
        "--data-dir",
        work.resolve("data").toString(),
        "--driver",
        "argocd",
        "--argocd-url",
        argo.url().toString(),
        "--argocd-account-file",
        account.toString(),
        "--rendered-repo",
        url,
        "--rendered-token-file",
        renderedToken.toString()
      };

      CliRun first = CliRun.of(sync);
      assertThat(first.code()).as(first.out() + first.err()).isZero();
      String commit = git(rendered, "rev-parse", RenderedBranch.DEFAULT_BRANCH);
      String token = argo.adminToken();
      Map<String, String> pinned = applications(argo, token);
      assertThat(pinned.keySet())
          .as(
              "one Application per bundle and cluster: baseline on three, payments on two, and"
                  + " aws-cn-north-1-prod's own directory")
          .hasSize(6)
          .anyMatch(name -> name.startsWith("fleet-aws-cn-north-1-prod-cluster-overlay-"));
      // Each cluster publishes its own tree: its Applications share the commit that did, and
      // every such commit is on the rendered branch.
      for (String cluster : sandbox.workloadClusters()) {
        assertThat(
                pinned.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("fleet-" + cluster + "-"))
                    .map(Map.Entry::getValue)
                    .distinct())
            .as("the rendered commit of " + cluster)
            .hasSize(1);
      }
      for (String revision : pinned.values()) {
        git(rendered, "merge-base", "--is-ancestor", revision, commit);
      }
      for (String cluster : sandbox.workloadClusters()) {
        var payments = sandbox.cluster(cluster).get(NAMESPACE, null, "ingress");
        assertThat(payments).as("baseline's namespace ingress on " + cluster).isPresent();
        assertThat(payments.get().json().toString()).contains("argocd-controller");
      }
      assertThat(first.out()).contains("aws-cn-north-1-prod    synced");

      // A commit that only removes an object: it is pruned, and the Applications of its bundle
      // move to a rendered commit without it, so a sync started in Argo CD cannot bring it back.
      Map<String, String> operationsBeforePrune = operations(argo, token);
      repo.delete("bundles/baseline/extra.yaml").commit("Remove the extra ConfigMap");
      CliRun prune = CliRun.of(sync);
      assertThat(prune.code()).as(prune.out() + prune.err()).isZero();
      Map<String, String> repinned = applications(argo, token);
      for (String cluster : sandbox.workloadClusters()) {
        assertThat(sandbox.cluster(cluster).get(CONFIG_MAP, "ingress", "fleetgate-extra"))
            .as("pruned from " + cluster)
            .isEmpty();
        String baseline =
            repinned.entrySet().stream()
                .filter(e -> e.getKey().startsWith("fleet-" + cluster + "-baseline-"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        assertThat(baseline)
            .as("baseline of " + cluster + " re-pinned")
            .isNotEqualTo(
                pinned.get(
                    pinned.keySet().stream()
                        .filter(k -> k.startsWith("fleet-" + cluster + "-baseline-"))
                        .findFirst()
                        .orElseThrow()));
        assertThat(
                git(rendered, "ls-tree", "-r", "--name-only", baseline, "fleet/" + cluster + "/"))
            .as("the tree of " + cluster + " in the commit its baseline is pinned to")
            .doesNotContain("fleetgate-extra")
            .contains("fleet/" + cluster + "/baseline/");
      }
      assertThat(operations(argo, token))
          .as("nothing to apply: no sync was started")
          .isEqualTo(operationsBeforePrune);
      pinned = repinned;

      repo.write(
              "bundles/baseline/debug.yaml",
              """
              apiVersion: v1
              kind: Pod
              metadata: {name: debug, namespace: ingress}
              spec:
                containers: [{name: sh, image: "busybox:latest", securityContext: {privileged: true}}]
              """)
          .commit("Debug pod");
      Map<String, String> operationsBefore = operations(argo, token);
      CliRun denied = CliRun.of(sync);
      assertThat(denied.code()).as(denied.out() + denied.err()).isEqualTo(1);
      assertThat(denied.out()).contains("privileged_containers");
      assertThat(applications(argo, token))
          .as("still on the last validated commit")
          .isEqualTo(pinned);
      assertThat(operations(argo, token)).as("no sync was started").isEqualTo(operationsBefore);
      for (String cluster : sandbox.workloadClusters()) {
        assertThat(sandbox.cluster(cluster).get(POD, "ingress", "debug")).isEmpty();
      }
    }
  }

  /** Fleetgate's Applications and the revision each is pinned to. */
  private static Map<String, String> applications(ArgoCdServer argo, String token)
      throws Exception {
    Map<String, String> pinned = new TreeMap<>();
    for (JsonElement item : list(argo, token)) {
      JsonObject app = item.getAsJsonObject();
      pinned.put(
          app.getAsJsonObject("metadata").get("name").getAsString(),
          app.getAsJsonObject("spec")
              .getAsJsonObject("source")
              .get("targetRevision")
              .getAsString());
    }
    return pinned;
  }

  /** When each Application's last operation started. */
  private static Map<String, String> operations(ArgoCdServer argo, String token) throws Exception {
    Map<String, String> started = new TreeMap<>();
    for (JsonElement item : list(argo, token)) {
      JsonObject app = item.getAsJsonObject();
      JsonObject state = app.getAsJsonObject("status").getAsJsonObject("operationState");
      started.put(
          app.getAsJsonObject("metadata").get("name").getAsString(),
          state == null ? "" : state.get("startedAt").getAsString());
    }
    return started;
  }

  private static JsonArray list(ArgoCdServer argo, String token) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        argo.url()
                            .resolve(
                                "/api/v1/applications?selector=app.kubernetes.io/managed-by%3Dfleetgate"))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray items =
        JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("items");
    return items == null ? new JsonArray() : items;
  }

  private static String git(Path dir, String... args) throws Exception {
    var command = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
