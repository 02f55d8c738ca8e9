package io.fleetgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
          declareCluster(management, sandbox.fleet().layout().clusterKubeconfig(cluster), cluster);
      declareRepository(management, git.url("fleet"));

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

  /** Registers a workload cluster the way Argo CD documents it: a labelled Secret. */
  @SuppressWarnings("unchecked")
  private static String declareCluster(ClusterApi management, Path kubeconfig, String name)
      throws Exception {
    Map<String, Object> config =
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(kubeconfig));
    var clusterEntry =
        (Map<String, Object>)
            ((Map<String, Object>) ((java.util.List<Object>) config.get("clusters")).getFirst())
                .get("cluster");
    var user =
        (Map<String, Object>)
            ((Map<String, Object>) ((java.util.List<Object>) config.get("users")).getFirst())
                .get("user");
    String server = (String) clusterEntry.get("server");
    String argoConfig =
        "{\"bearerToken\":\"%s\",\"tlsClientConfig\":{\"insecure\":false,\"caData\":\"%s\"}}"
            .formatted(user.get("token"), clusterEntry.get("certificate-authority-data"));
    management.apply(
        secret(
            "cluster-" + name,
            "cluster",
            Map.of("name", name, "server", server, "config", argoConfig)));
    return server;
  }

  private static void declareRepository(ClusterApi management, String url) {
    management.apply(
        secret(
            "repo-fleet",
            "repository",
            Map.of("type", "git", "url", url, "username", "fleetgate", "password", GIT_TOKEN)));
  }

  private static Map<String, Object> secret(String name, String type, Map<String, String> data) {
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put(
        "metadata",
        Map.of(
            "name",
            name,
            "namespace",
            ArgoCdServer.NAMESPACE,
            "labels",
            Map.of("argocd.argoproj.io/secret-type", type)));
    secret.put("stringData", data);
    return secret;
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
