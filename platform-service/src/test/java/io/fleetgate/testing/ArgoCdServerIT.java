package io.fleetgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Argo CD the Argo CD tests run on: it starts against a sandbox management cluster, takes
 * a session, learns a workload cluster from a declarative cluster Secret and a repository from a
 * repository Secret, and syncs an Application from a real Git server into that workload cluster.
 * Everything here is Argo CD's own behaviour, through its REST API; Fleetgate's client and driver
 * have tests of their own.
 */
@SandboxFleetTest(dedicated = true, clusters = 1)
class ArgoCdServerIT {

  private static final String GIT_TOKEN = "argocd-reads-the-fleet-with-this";
  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");

  @Test
  void syncsAnApplicationFromGitIntoADeclaredCluster(SandboxFleetHandle sandbox, @TempDir Path work)
      throws Exception {
    String cluster = sandbox.workloadClusters().getFirst();
    FleetRepo repo = FleetRepo.seed(work.resolve("repos/fleet"));
    String namespace = sandbox.freshNamespace(sandbox.cluster(cluster), "argocd-demo");
    repo.write(
        "apps/demo/config.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: from-argocd
          namespace: %s
        data:
          greeting: hello
        """
            .formatted(namespace));
    String revision = repo.commit("A ConfigMap for Argo CD to sync");
    try (GitHttpServer git = GitHttpServer.serve(work.resolve("repos"), GIT_TOKEN);
        ArgoCdServer argo =
            ArgoCdServer.start(
                Path.of("target/argocd/server-it"),
                sandbox.management(),
                sandbox.managementKubeconfig())) {
      String token = argo.adminToken();
      JsonObject version = get(argo, token, "/api/version");
      assertThat(version.get("Version").getAsString()).startsWith("v3.5.7");

      ClusterApi management = sandbox.management();
      String server =
          ArgoCdServer.declareCluster(
              management, sandbox.fleet().layout().clusterKubeconfig(cluster), cluster);
      ArgoCdServer.declareRepository(management, git.url("fleet"), GIT_TOKEN);

      Map<String, Object> app =
          Map.of(
              "metadata", Map.of("name", "demo", "namespace", ArgoCdServer.NAMESPACE),
              "spec",
                  Map.of(
                      "project", "default",
                      "source",
                          Map.of(
                              "repoURL",
                              git.url("fleet"),
                              "path",
                              "apps/demo",
                              "targetRevision",
                              revision),
                      "destination", Map.of("server", server, "namespace", namespace)));
      send(argo, token, "POST", "/api/v1/applications", app);
      send(
          argo,
          token,
          "POST",
          "/api/v1/applications/demo/sync",
          Map.of("revision", revision, "prune", false));

      JsonObject status = new JsonObject();
      long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() < until) {
        status = get(argo, token, "/api/v1/applications/demo").getAsJsonObject("status");
        if (status.has("sync")
            && "Synced".equals(status.getAsJsonObject("sync").get("status").getAsString())
            && status.has("health")
            && "Healthy".equals(status.getAsJsonObject("health").get("status").getAsString())) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(status.getAsJsonObject("sync").get("revision").getAsString())
          .as("synced revision; status %s", status)
          .isEqualTo(revision);
      assertThat(sandbox.cluster(cluster).get(CONFIG_MAP, namespace, "from-argocd"))
          .as("the ConfigMap Argo CD applied")
          .isPresent();
    }
  }

  private static JsonObject get(ArgoCdServer argo, String token, String path) throws Exception {
    return call(argo, token, HttpRequest.newBuilder(argo.url().resolve(path)).GET());
  }

  private static JsonObject send(
      ArgoCdServer argo, String token, String method, String path, Map<String, Object> body)
      throws Exception {
    return call(
        argo,
        token,
        HttpRequest.newBuilder(argo.url().resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                HttpRequest.BodyPublishers.ofString(new com.google.gson.Gson().toJson(body))));
  }

  private static JsonObject call(ArgoCdServer argo, String token, HttpRequest.Builder request)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                request
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("%s %s: %s", request.build().method(), request.build().uri(), response.body())
        .isEqualTo(200);
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }
}
