package io.fleetgate.argocd.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.plan.DesiredObject;
import io.fleetgate.source.jgit.RenderedBranch;
import io.fleetgate.testing.ArgoCdServer;
import io.fleetgate.testing.GitHttpServer;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 35 end to end with a real Argo CD: the objects Fleetgate would apply, published as a rendered
 * tree on a branch of a real Git server, are what Argo CD applies when its Application is pinned to
 * the rendered commit — labels and annotations as Fleetgate set them, the cluster variables already
 * substituted. A second, smaller tree on the same branch leaves the first Application on its
 * commit.
 */
@SandboxFleetTest(dedicated = true, clusters = 1)
class RenderedTreeArgoCdIT {

  private static final String TOKEN = "rendered-branch-token";
  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");

  @Test
  void argoCdAppliesTheRenderedTreeAtItsPinnedCommit(SandboxFleetHandle sandbox, @TempDir Path work)
      throws Exception {
    String name = sandbox.workloadClusters().getFirst();
    ClusterTarget cluster = new ClusterTarget("default", name, Map.of(), ClusterPhase.PROVISIONED);
    String namespace = sandbox.freshNamespace(sandbox.cluster(name), "rendered");
    Path repos = work.resolve("repos");
    Files.createDirectories(repos.resolve("rendered.git"));
    new ProcessBuilder("git", "init", "-q", "--bare", repos.resolve("rendered.git").toString())
        .inheritIO()
        .start()
        .waitFor(30, TimeUnit.SECONDS);
    // A repository of its own for rendered trees names that branch as its HEAD: Argo CD tests a
    // repository by resolving HEAD before it reads any other revision.
    new ProcessBuilder(
            "git",
            "-C",
            repos.resolve("rendered.git").toString(),
            "symbolic-ref",
            "HEAD",
            "refs/heads/" + RenderedBranch.DEFAULT_BRANCH)
        .inheritIO()
        .start()
        .waitFor(30, TimeUnit.SECONDS);
    try (GitHttpServer git = GitHttpServer.serve(repos, TOKEN);
        ArgoCdServer argo =
            ArgoCdServer.start(
                Path.of("target/argocd/rendered-tree-it"),
                sandbox.management(),
                sandbox.managementKubeconfig())) {
      String url = git.url("rendered.git");
      RenderedBranch branch =
          new RenderedBranch(
              url,
              RenderedBranch.DEFAULT_BRANCH,
              work.resolve("data"),
              TOKEN,
              null,
              Clock.systemUTC());
      RenderedTree tree =
          RenderedTree.of(cluster, List.of(configMap(namespace, "greeting", "hello " + name)));
      RenderedTrees.Published published = branch.publish(tree, "f".repeat(40));

      ArgoCdServer.declareCluster(
          sandbox.management(),
          sandbox.fleet().layout().clusterKubeconfig(name),
          "default/" + name);
      ArgoCdServer.declareRepository(sandbox.management(), url, TOKEN);
      BundleApplication app =
          BundleApplication.of(cluster, "baseline", tree, url, published.commit());
      String token = argo.adminToken();
      call(argo, token, "POST", "/api/v1/applications", application(app, namespace));
      call(
          argo,
          token,
          "POST",
          "/api/v1/applications/" + app.name() + "/sync",
          Map.of("revision", published.commit(), "prune", false));
      JsonObject status = awaitSynced(argo, token, app.name());
      assertThat(status.getAsJsonObject("sync").get("revision").getAsString())
          .isEqualTo(published.commit());

      KubeObject applied =
          sandbox.cluster(name).get(CONFIG_MAP, namespace, "greeting").orElseThrow();
      assertThat(applied.at("data", "text").orElseThrow().getAsString()).isEqualTo("hello " + name);
      assertThat(
              applied.at("metadata", "labels", "fleetgate.io/bundle").orElseThrow().getAsString())
          .isEqualTo("baseline");

      // A new tree for the cluster: the Application, pinned, still names the first commit.
      RenderedTrees.Published next =
          branch.publish(RenderedTree.of(cluster, List.of()), "e".repeat(40));
      assertThat(next.changed()).isTrue();
      JsonObject after = get(argo, token, "/api/v1/applications/" + app.name());
      assertThat(
              after
                  .getAsJsonObject("spec")
                  .getAsJsonObject("source")
                  .get("targetRevision")
                  .getAsString())
          .isEqualTo(published.commit());
      assertThat(sandbox.cluster(name).get(CONFIG_MAP, namespace, "greeting")).isPresent();
    }
  }

  private static DesiredObject configMap(String namespace, String name, String text) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("apiVersion", "v1");
    content.put("kind", "ConfigMap");
    content.put(
        "metadata",
        Map.of(
            "name", name,
            "namespace", namespace,
            "labels", Map.of("fleetgate.io/bundle", "baseline")));
    content.put("data", Map.of("text", text));
    return new DesiredObject(
        new ObjectRef("", "ConfigMap", namespace, name),
        "baseline",
        "v1",
        content,
        "h",
        "bundles/baseline/greeting.yaml:1");
  }

  private static Map<String, Object> application(BundleApplication app, String namespace) {
    return Map.of(
        "metadata",
        Map.of("name", app.name(), "namespace", ArgoCdServer.NAMESPACE, "labels", app.labels()),
        "spec",
        Map.of(
            "project", "default",
            "source",
                Map.of(
                    "repoURL", app.repoUrl(),
                    "path", app.path(),
                    "targetRevision", app.revision(),
                    "directory", Map.of("recurse", true)),
            "destination", Map.of("name", app.destination(), "namespace", namespace),
            "syncPolicy", Map.of("syncOptions", List.of("ServerSideApply=true"))));
  }

  private static JsonObject awaitSynced(ArgoCdServer argo, String token, String app)
      throws Exception {
    JsonObject status = new JsonObject();
    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < until) {
      status = get(argo, token, "/api/v1/applications/" + app).getAsJsonObject("status");
      if (status.has("operationState")
          && "Succeeded"
              .equals(status.getAsJsonObject("operationState").get("phase").getAsString())) {
        return status;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the Application did not sync: " + status);
  }

  private static JsonObject get(ArgoCdServer argo, String token, String path) throws Exception {
    return send(argo, token, HttpRequest.newBuilder(argo.url().resolve(path)).GET());
  }

  private static JsonObject call(
      ArgoCdServer argo, String token, String method, String path, Map<String, Object> body)
      throws Exception {
    return send(
        argo,
        token,
        HttpRequest.newBuilder(argo.url().resolve(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(new Gson().toJson(body))));
  }

  private static JsonObject send(ArgoCdServer argo, String token, HttpRequest.Builder request)
      throws Exception {
    HttpRequest built =
        request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(built, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("%s %s: %s", built.method(), built.uri(), response.body())
        .isEqualTo(200);
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
