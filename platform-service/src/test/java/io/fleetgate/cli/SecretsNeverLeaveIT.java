package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One unique canary value, placed where secrets live — a Secret's {@code data} and {@code
 * stringData}, a container's env {@code value}, a cluster kubeconfig's token, the webhook secret
 * and the Git token — and then pushed through everything Fleetgate writes or answers: sync, drift,
 * diff, dry-run, every GET of the API, the event stream, the audit log, every report format, the
 * processes' output and logs, every file of the data directory (the SQLite database and its WAL
 * scanned as bytes) and a Java Flight Recorder profile. It must be found in none of them. The real
 * bearer token of the sandbox's workload clusters is searched for too.
 */
@SandboxFleetTest
class SecretsNeverLeaveIT {

  private static final String AWS = "aws-cn-north-1-prod";
  private static final String EDGE = "canary-edge";
  private static final String NAMESPACE = "canary-secrets";
  private static final String CANARY =
      "fgcanary" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
  private static final GroupVersionKind CAPI_CLUSTER =
      io.fleetgate.cluster.capi.CapiClusterDirectory.CLUSTER;
  private static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Short and pinned by version: a diff line of the container then reaches its env. */
  private static final String IMAGE = "registry.fleetgate.io/g:1";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** What was looked at, by name, and its text (bytes read as ISO-8859-1). */
  private final Map<String, String> seen = new LinkedHashMap<>();

  @Test
  void theCanaryIsFoundInNoOutputRecordOrFile(SandboxFleetHandle sandbox, @TempDir Path work)
      throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    repo.write(AWS + "/canary.yaml", manifests(CANARY + "-data", CANARY + "-env"));
    repo.commit("Canary objects");
    Path data = work.resolve("data");
    Path logs = Files.createDirectories(work.resolve("logs"));
    ClusterApi management = sandbox.management();
    String realToken = tokenOf(Files.readString(sandbox.fleet().layout().clusterKubeconfig(AWS)));
    declareEdgeCluster(management, sandbox, CANARY + "-kubeconfig");
    try {
      String[] repoArgs = {
        "--repo",
        repo.dir().toString(),
        "--management-kubeconfig",
        sandbox.managementKubeconfig().toString(),
        "--data-dir",
        data.toString()
      };
      cli(logs, "sync", concat(new String[] {"sync", "--once"}, repoArgs));
      cli(logs, "diff", concat(new String[] {"diff"}, repoArgs));

      // Drift: someone edits the live objects in the cluster with other canary values.
      ClusterApi aws = sandbox.cluster(AWS);
      aws.applyAs(
          "kubectl-edit",
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              "Secret",
              "metadata",
              Map.of("name", "payment-keys", "namespace", NAMESPACE),
              "data",
              Map.of("password", base64(CANARY + "-live-data"))));
      aws.applyAs("kubectl-edit", deploymentWithEnv(CANARY + "-live-env"));
      cli(logs, "diff-drift", concat(new String[] {"diff"}, repoArgs));
      String dryRun =
          cli(
              logs,
              "dry-run",
              concat(new String[] {"sync", "--once", "--dry-run", "--full-check"}, repoArgs));
      assertThat(dryRun)
          .as("the drift is found, so its diff went through the code under test")
          .containsPattern("greeter (drifted|healed)");
      cli(logs, "full-check", concat(new String[] {"sync", "--once", "--full-check"}, repoArgs));
      cli(logs, "status", "status", "--data-dir", data.toString());
      cli(logs, "verify", "audit", "verify", "--data-dir", data.toString());
      for (String format : List.of("html", "pdf", "json", "sarif", "junit", "openreports")) {
        Path out = work.resolve("reports").resolve("report." + format);
        cli(
            logs,
            "report-" + format,
            "audit-report",
            "--data-dir",
            data.toString(),
            "--format",
            format,
            "--out",
            out.toString(),
            // The patch section reads every cluster's nodes, the canary's edge cluster too.
            "--management-kubeconfig",
            sandbox.managementKubeconfig().toString(),
            "--patch-kernel",
            "6.8.0-88-generic");
        look("audit-report " + format, Files.readAllBytes(out));
      }
      assertThat(Files.readString(work.resolve("reports").resolve("report.json")))
          .as("the patch section read the fleet, the edge cluster included")
          .contains("\"read\" : true")
          .contains(EDGE);

      serveAndAsk(repoArgs, data, logs);

      for (Path file : files(data)) {
        look("data directory: " + data.relativize(file), Files.readAllBytes(file));
      }
      for (Path file : files(logs)) {
        look("output of " + file.getFileName(), Files.readAllBytes(file));
      }
    } finally {
      management.delete(CAPI_CLUSTER, "fleet", EDGE);
      management.delete(SECRET, "fleet", EDGE + "-kubeconfig");
    }

    assertThat(seen).as("what was searched").hasSizeGreaterThan(40);
    List<String> needles = needles(realToken);
    List<String> found = new ArrayList<>();
    seen.forEach(
        (where, text) ->
            needles.stream()
                .filter(text::contains)
                .forEach(needle -> found.add(where + " holds " + needle)));
    assertThat(found).as("places the canary %s reached", CANARY).isEmpty();
    assertThat(seen.get("GET /api/v1/clusters"))
        .as("the edge cluster's failure is reported, just not its token")
        .contains(EDGE);
  }

  /** The API, the event stream, reports and a profile of {@code fleetgate serve}. */
  private void serveAndAsk(String[] repoArgs, Path data, Path logs) throws Exception {
    String admin =
        cli(
                logs,
                "token",
                "token",
                "create",
                "--role",
                "admin",
                "--name",
                "canary",
                "--data-dir",
                data.toString())
            .lines()
            .map(String::strip)
            .filter(line -> line.startsWith("fgt_"))
            .findFirst()
            .orElseThrow();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // A viewer token from a file, as a mounted Secret gives it
    String viewer = "fgt_" + "k8sSecretMountedViewerToken_".repeat(2);
    Path viewerFile = data.resolveSibling("viewer-token");
    Files.writeString(viewerFile, viewer + "\n");
    Process serve =
        start(
            logs.resolve("serve.log"),
            concat(
                new String[] {
                  "serve",
                  "--port",
                  Integer.toString(port),
                  "--host",
                  "127.0.0.1",
                  "--interval",
                  "1h",
                  "--api-token-file",
                  "viewer=" + viewerFile
                },
                repoArgs));
    try {
      URI base = URI.create("http://127.0.0.1:" + port);
      awaitReady(base, serve);
      Thread events = Thread.ofPlatform().start(() -> readEvents(base, admin));
      post(base, "/api/v1/refresh", admin, "");
      assertThat(JSON.readTree(get(base, "/api/v1/clusters", viewer)).has("clusters"))
          .as("the token of --api-token-file is accepted")
          .isTrue();
      hookWithTheSecret(base);
      JsonNode document = JSON.readTree(get(base, "/openapi.json", null));
      for (var paths = document.path("paths").properties().iterator(); paths.hasNext(); ) {
        var path = paths.next();
        if (!path.getValue().has("get")
            || path.getKey().contains("{id}")
            || path.getKey().equals("/api/v1/events")) {
          continue;
        }
        for (String cluster : List.of(AWS, EDGE)) {
          // Other path variables (an SLO's service and name) get a value the fleet may not have:
          // a 404 is looked at for the canary like any other answer.
          String route = path.getKey().replace("{name}", cluster).replaceAll("\\{[a-z]+}", "x");
          look("GET " + route, get(base, route, admin));
          if (!path.getKey().contains("{name}")) {
            break;
          }
        }
      }
      for (String format : List.of("html", "pdf", "json", "sarif", "junit", "openreports")) {
        JsonNode report =
            JSON.readTree(post(base, "/api/v1/reports", admin, "{\"format\":\"" + format + "\"}"));
        look("POST /api/v1/reports " + format, report.toString());
        String id = report.path("id").asText();
        look("GET /api/v1/reports/" + format, get(base, "/api/v1/reports/" + id, admin));
      }
      look("JFR profile", postBytes(base, "/api/v1/admin/profile?seconds=2", admin));
      events.join(TimeUnit.SECONDS.toMillis(30));
    } finally {
      serve.destroy();
      if (!serve.waitFor(30, TimeUnit.SECONDS)) {
        serve.destroyForcibly().waitFor();
      }
    }
  }

  private void readEvents(URI base, String token) {
    StringBuilder text = new StringBuilder();
    try {
      HttpResponse<InputStream> response =
          HTTP.send(
              HttpRequest.newBuilder(base.resolve("/api/v1/events"))
                  .header("Accept", "text/event-stream")
                  .header("Authorization", "Bearer " + token)
                  .header("Last-Event-ID", "0")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < end) {
          int n = body.read(buffer);
          if (n < 0) {
            break;
          }
          text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException | InterruptedException e) {
      text.append("(stream ended: ").append(e.getClass().getSimpleName()).append(')');
    }
    synchronized (seen) {
      seen.put("SSE /api/v1/events", text.toString());
    }
  }

  private static void hookWithTheSecret(URI base) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(base.resolve("/hooks/gitlab"))
            .header("X-Gitlab-Token", CANARY + "-webhook")
            .POST(HttpRequest.BodyPublishers.ofString("{\"project\":{\"web_url\":\"x\"}}"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    HTTP.send(
        HttpRequest.newBuilder(base.resolve("/hooks/gitlab"))
            .header("X-Gitlab-Token", CANARY + "-wrong")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static void awaitReady(URI base, Process serve) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      assertThat(serve.isAlive()).as("fleetgate serve is running").isTrue();
      try {
        if (HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/readyz")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("fleetgate serve was not ready within 180 s");
  }

  private void look(String where, String text) {
    synchronized (seen) {
      seen.merge(where, text, (a, b) -> a + "\n" + b);
    }
  }

  private void look(String where, byte[] bytes) {
    look(where, new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /**
   * The canary's first 14 characters (a value cut short in a message still leaks), the canary as it
   * would look inside base64 at any of the three alignments (the Secret data, the kubeconfig
   * Secret), and the same for the real token.
   */
  private static List<String> needles(String realToken) {
    List<String> needles = new ArrayList<>();
    for (String value : List.of(CANARY, realToken)) {
      needles.add(value.substring(0, 14));
      for (int shift = 0; shift < 3; shift++) {
        String encoded = base64("x".repeat(shift) + value);
        needles.add(encoded.substring(4, encoded.length() - 4));
      }
    }
    return needles;
  }

  /** Runs a fleetgate command in a JVM of its own, as users do; returns its output. */
  private static String cli(Path logs, String name, String... args) throws Exception {
    Path log = logs.resolve(name + ".log");
    Process process = start(log, args);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as(name + " finished").isTrue();
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(name + ": " + output).isIn(0, 1);
    return output;
  }

  private static Process start(Path log, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("FLEETGATE_GIT_TOKEN", CANARY + "-git");
    builder.environment().put("FLEETGATE_WEBHOOK_SECRET", CANARY + "-webhook");
    return builder.start();
  }

  private static String get(URI base, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return new String(
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body(),
        StandardCharsets.ISO_8859_1);
  }

  private static String post(URI base, String path, String token, String body) throws Exception {
    return new String(postBytes(base, path, token, body), StandardCharsets.UTF_8);
  }

  private static byte[] postBytes(URI base, String path, String token) throws Exception {
    return postBytes(base, path, token, "");
  }

  private static byte[] postBytes(URI base, String path, String token, String body)
      throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  /** Every file under the directory but Fleetgate's working copy of the repository. */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !dir.relativize(file).startsWith("sources"))
          .toList();
    }
  }

  /** A cluster whose kubeconfig carries the canary as its token: the API server refuses it. */
  private static void declareEdgeCluster(
      ClusterApi management, SandboxFleetHandle sandbox, String token) throws IOException {
    String kubeconfig =
        Files.readString(sandbox.fleet().layout().clusterKubeconfig(AWS))
            .replaceAll("(?m)^(\\s*token:\\s*).*$", "$1" + token);
    management.apply(
        Map.of(
            "apiVersion", "v1",
            "kind", "Secret",
            "type", "cluster.x-k8s.io/secret",
            "metadata", Map.of("name", EDGE + "-kubeconfig", "namespace", "fleet"),
            "data", Map.of("value", base64(kubeconfig))));
    management.apply(
        Map.of(
            "apiVersion", CAPI_CLUSTER.apiVersion(),
            "kind", "Cluster",
            "metadata",
                Map.of(
                    "name",
                    EDGE,
                    "namespace",
                    "fleet",
                    "labels",
                    Map.of("provider", "aws", "region", "cn-north-1", "env", "prod")),
            "spec",
                Map.of(
                    "controlPlaneEndpoint", Map.of("host", "127.0.0.1", "port", 6443),
                    "infrastructureRef",
                        Map.of(
                            "apiGroup", "infrastructure.cluster.x-k8s.io",
                            "kind", "DockerCluster",
                            "name", EDGE))));
  }

  private static String tokenOf(String kubeconfig) {
    return kubeconfig
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith("token:"))
        .map(line -> line.substring("token:".length()).strip())
        .findFirst()
        .orElseThrow();
  }

  private static String manifests(String dataValue, String envValue) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %1$s
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: %1$s
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: payment-keys
          namespace: %1$s
        type: Opaque
        data:
          password: %2$s
        stringData:
          token: %3$s
        ---
        %4$s
        """
        .formatted(NAMESPACE, base64(dataValue), CANARY + "-string", deploymentYaml(envValue));
  }

  private static String deploymentYaml(String envValue) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: greeter
          namespace: %1$s
          labels:
            app.kubernetes.io/name: greeter
            app.kubernetes.io/part-of: payments
            fleetgate.io/owner: billing-team
        spec:
          replicas: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: greeter
          template:
            metadata:
              labels:
                app.kubernetes.io/name: greeter
            spec:
              automountServiceAccountToken: false
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: g
                  image: %3$s
                  env:
                    - name: A
                      value: %2$s
                  resources:
                    requests:
                      cpu: 50m
                      memory: 64Mi
                    limits:
                      memory: 128Mi
                  securityContext:
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    capabilities:
                      drop: [ALL]
        """
        .formatted(NAMESPACE, envValue, IMAGE);
  }

  private static Map<String, Object> deploymentWithEnv(String value) {
    return Map.of(
        "apiVersion",
        "apps/v1",
        "kind",
        "Deployment",
        "metadata",
        Map.of("name", "greeter", "namespace", NAMESPACE),
        "spec",
        Map.of(
            "selector",
            Map.of("matchLabels", Map.of("app.kubernetes.io/name", "greeter")),
            "template",
            Map.of(
                "metadata",
                Map.of("labels", Map.of("app.kubernetes.io/name", "greeter")),
                "spec",
                Map.of(
                    "containers",
                    List.of(
                        Map.of(
                            "name",
                            "g",
                            "image",
                            IMAGE,
                            "env",
                            List.of(Map.of("name", "A", "value", value))))))));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
