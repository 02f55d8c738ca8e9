package io.fleetgate.testing;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.tools.ToolCache;
import java.io.IOException;
import java.net.HttpURLConnection;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Argo CD, run out of cluster against a sandbox management cluster the way Argo CD's own
 * Procfile runs it for development: Debian's {@code redis-server}, then {@code argocd-repo-server},
 * {@code argocd-application-controller} and {@code argocd-server} — one binary {@code bin/setup
 * argocd} builds from the Go module proxy, started under each name with {@code ARGOCD_BINARY_NAME}.
 * Before they start, the management cluster gets the namespace {@code argocd}, Argo CD's CRDs from
 * the same module, and {@code argocd-cm}, {@code argocd-rbac-cm} and {@code argocd-secret}: the
 * local {@code admin} account with a random password, and an account {@code fleetgate} that may log
 * in and hold API keys.
 *
 * <p>All ports are free loopback ports; each component logs to its own file under {@code dir},
 * which is emptied first and kept afterwards, so a failed test leaves the logs to read.
 */
public final class ArgoCdServer implements AutoCloseable {

  public static final String NAMESPACE = "argocd";
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  private final Path dir;
  private final Path argocd;
  private final Path helpers;
  private final Path kubeconfig;
  private final String password;
  private final Duration reconciliation;
  private final List<Process> processes = new ArrayList<>();
  private Path askPassSocket;
  private int port;

  private ArgoCdServer(
      Path dir,
      Path argocd,
      Path helpers,
      Path kubeconfig,
      String password,
      Duration reconciliation) {
    this.dir = dir;
    this.reconciliation = reconciliation;
    this.argocd = argocd;
    this.helpers = helpers;
    this.kubeconfig = kubeconfig;
    this.password = password;
  }

  /**
   * Installs Argo CD's CRDs and settings in the management cluster and starts its components.
   *
   * @param management the management cluster, through which the CRDs and settings are written
   * @param kubeconfig the management cluster's kubeconfig file, which the components read
   */
  public static ArgoCdServer start(Path dir, ClusterApi management, Path kubeconfig)
      throws Exception {
    return start(dir, management, kubeconfig, Duration.ofSeconds(30));
  }

  /**
   * As {@link #start(Path, ClusterApi, Path)}, with Argo CD's reconciliation period ({@code
   * timeout.reconciliation}): how often the controller refreshes every Application on its own and
   * so picks up new commits without being told.
   */
  public static ArgoCdServer start(
      Path dir, ClusterApi management, Path kubeconfig, Duration reconciliation) throws Exception {
    ToolCache tools = ToolCache.locate();
    Path argocd = tools.executable("argocd");
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    ArgoCdServer server =
        new ArgoCdServer(
            dir,
            argocd,
            tools.path("argocd-helpers"),
            kubeconfig,
            HexFormat.of().formatHex(secret),
            reconciliation);
    try {
      if (Files.exists(dir)) { // what an earlier run left: its logs and repo server checkouts
        try (var old = Files.walk(dir)) {
          for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
      server.install(management);
      server.startComponents();
      return server;
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  /** Argo CD's API and UI address, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The local admin account's password. */
  public String adminPassword() {
    return password;
  }

  /** A session token for {@code admin}, from {@code POST /api/v1/session}. */
  public String adminToken() throws IOException, InterruptedException {
    return session("admin", password);
  }

  /** A session token for an account, from {@code POST /api/v1/session}. */
  public String session(String username, String secret) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url().resolve("/api/v1/session"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"%s\",\"password\":\"%s\"}"
                                .formatted(username, secret)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(response.body());
    if (response.statusCode() != 200 || !token.find()) {
      throw new IllegalStateException(
          "Argo CD refused the session for " + username + ": HTTP " + response.statusCode());
    }
    return token.group(1);
  }

  /**
   * Declares a workload cluster to Argo CD the way its documentation describes: a Secret labelled
   * {@code argocd.argoproj.io/secret-type: cluster} with the sandbox kubeconfig's server, token and
   * CA.
   *
   * @param argoName the cluster's name in Argo CD
   * @return the cluster's API server URL
   */
  @SuppressWarnings("unchecked")
  public static String declareCluster(ClusterApi management, Path kubeconfig, String argoName)
      throws IOException {
    Map<String, Object> config =
        new org.yaml.snakeyaml.Yaml(
                new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions()))
            .load(Files.readString(kubeconfig));
    var cluster =
        (Map<String, Object>)
            ((Map<String, Object>) ((List<Object>) config.get("clusters")).getFirst())
                .get("cluster");
    var user =
        (Map<String, Object>)
            ((Map<String, Object>) ((List<Object>) config.get("users")).getFirst()).get("user");
    String server = (String) cluster.get("server");
    String argoConfig =
        new com.google.gson.Gson()
            .toJson(
                Map.of(
                    "bearerToken",
                    user.get("token"),
                    "tlsClientConfig",
                    Map.of(
                        "insecure", false, "caData", cluster.get("certificate-authority-data"))));
    management.apply(
        secret(
            "cluster-" + argoName.replace('/', '.'),
            "cluster",
            Map.of("name", argoName, "server", server, "config", argoConfig)));
    return server;
  }

  /** Declares a Git repository Argo CD may read, with a token as the password. */
  public static void declareRepository(ClusterApi management, String url, String token) {
    management.apply(
        secret(
            "repo-" + Integer.toHexString(url.hashCode()),
            "repository",
            Map.of("type", "git", "url", url, "username", "fleetgate", "password", token)));
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
            NAMESPACE,
            "labels",
            Map.of("argocd.argoproj.io/secret-type", type)));
    secret.put("stringData", data);
    return secret;
  }

  /** The log of one component ({@code argocd-server}, {@code redis}, …), for failure messages. */
  public Path log(String component) {
    return dir.resolve(component + ".log");
  }

  private void install(ClusterApi management) throws Exception {
    management.apply(
        Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", NAMESPACE)));
    Crds.install(
        management, "argocd-crds", List.of("applications.argoproj.io", "appprojects.argoproj.io"));
    management.apply(
        configMap(
            "argocd-cm",
            Map.of(
                "admin.enabled", "true",
                "accounts.fleetgate", "apiKey, login",
                "timeout.reconciliation", reconciliation.toSeconds() + "s",
                "url", "http://127.0.0.1")));
    management.apply(
        configMap(
            "argocd-rbac-cm",
            Map.of("policy.csv", "g, fleetgate, role:admin\n", "policy.default", "")));
    for (String name :
        List.of("argocd-tls-certs-cm", "argocd-ssh-known-hosts-cm", "argocd-gpg-keys-cm")) {
      management.apply(configMap(name, Map.of()));
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("server.secretkey", Base64.getEncoder().encodeToString(key));
    data.put("admin.password", bcrypt(password));
    data.put("admin.passwordMtime", Instant.now().toString());
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put(
        "metadata",
        Map.of(
            "name",
            "argocd-secret",
            "namespace",
            NAMESPACE,
            "labels",
            Map.of("app.kubernetes.io/part-of", "argocd")));
    secret.put("stringData", data);
    management.apply(secret);
  }

  private static Map<String, Object> configMap(String name, Map<String, String> data) {
    return Map.of(
        "apiVersion",
        "v1",
        "kind",
        "ConfigMap",
        "metadata",
        Map.of(
            "name",
            name,
            "namespace",
            NAMESPACE,
            "labels",
            Map.of("app.kubernetes.io/part-of", "argocd")),
        "data",
        data);
  }

  private String bcrypt(String secret) throws IOException, InterruptedException {
    Path out = dir.resolve("bcrypt.out");
    Process p =
        new ProcessBuilder(argocd.toString(), "account", "bcrypt", "--password", secret)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("argocd account bcrypt failed: " + Files.readString(out));
    }
    String hash = Files.readString(out).strip();
    Files.delete(out);
    return hash;
  }

  private void startComponents() throws Exception {
    // A short path of its own: a Unix socket's path may not exceed 107 bytes.
    askPassSocket = Files.createTempDirectory("argocd-").resolve("ask-pass.sock");
    int redis = freePort();
    int repo = freePort();
    port = freePort();
    start(
        "redis",
        List.of(
            "redis-server",
            "--port",
            Integer.toString(redis),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no"),
        Map.of());
    String redisAddress = "127.0.0.1:" + redis;
    String repoAddress = "127.0.0.1:" + repo;
    start(
        "argocd-repo-server",
        List.of(
            argocd.toString(),
            "--port",
            Integer.toString(repo),
            "--metrics-port",
            Integer.toString(freePort()),
            "--redis",
            redisAddress,
            "--disable-tls",
            "--client-ca-path=",
            "--loglevel",
            "info"),
        Map.of());
    awaitPort(repo, "argocd-repo-server");
    start(
        "argocd-application-controller",
        List.of(
            argocd.toString(),
            "--namespace",
            NAMESPACE,
            "--redis",
            redisAddress,
            "--repo-server",
            repoAddress,
            "--repo-server-plaintext",
            "--metrics-port",
            Integer.toString(freePort()),
            "--status-processors",
            "4",
            "--operation-processors",
            "4",
            "--loglevel",
            "info"),
        Map.of("ARGOCD_RECONCILIATION_TIMEOUT", reconciliation.toSeconds() + "s"));
    start(
        "argocd-server",
        List.of(
            argocd.toString(),
            "--namespace",
            NAMESPACE,
            "--insecure",
            "--address",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--metrics-port",
            Integer.toString(freePort()),
            "--redis",
            redisAddress,
            "--repo-server",
            repoAddress,
            "--repo-server-plaintext",
            "--loglevel",
            "info"),
        Map.of());
    awaitHealthy();
  }

  private void start(String component, List<String> command, Map<String, String> extraEnv)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log(component).toFile());
    Map<String, String> env = builder.environment();
    Path data = Files.createDirectories(dir.resolve("data"));
    env.put("ARGOCD_BINARY_NAME", component);
    env.put("ARGOCD_FAKE_IN_CLUSTER", "true");
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    env.put("ARGOCD_TLS_DATA_PATH", Files.createDirectories(data.resolve("tls")).toString());
    env.put("ARGOCD_SSH_DATA_PATH", Files.createDirectories(data.resolve("ssh")).toString());
    env.put("ARGOCD_GNUPGHOME", Files.createDirectories(data.resolve("gpg-home")).toString());
    env.put("ARGOCD_GPG_DATA_PATH", Files.createDirectories(data.resolve("gpg")).toString());
    env.put("ARGOCD_GPG_ENABLED", "false");
    // The repo server's credential socket, by default /tmp/reposerver-ask-pass.sock for every Argo
    // CD on the host: two running at once would answer each other's Git fetches ("unknown nonce").
    env.put("ARGOCD_ASK_PASS_SOCK", askPassSocket.toString());
    // The repo server hands Git itself as the credential helper (GIT_ASKPASS=argocd).
    // with the Git and GPG wrappers Argo CD's image puts on the PATH beside it.
    env.put(
        "PATH",
        String.join(
            java.io.File.pathSeparator,
            argocd.getParent().toString(),
            helpers.toString(),
            env.getOrDefault("PATH", "")));
    env.putAll(extraEnv);
    processes.add(builder.start());
  }

  private void awaitPort(int target, String component) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < until) {
      checkAlive();
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", target), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(
        component + " did not listen within 90 s; see " + log(component));
  }

  private void awaitHealthy() throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < until) {
      checkAlive();
      try {
        HttpURLConnection c =
            (HttpURLConnection) url().resolve("/healthz?full=true").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(5000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException(
        "argocd-server was not healthy within 120 s; see " + log("argocd-server"));
  }

  private void checkAlive() throws IOException {
    for (Process p : processes) {
      if (!p.isAlive()) {
        String name = p.info().commandLine().orElse("a component");
        throw new IllegalStateException(
            "An Argo CD component ("
                + name
                + ") exited with "
                + p.exitValue()
                + "; logs in "
                + dir
                + ":\n"
                + tails());
      }
    }
  }

  private String tails() throws IOException {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        text.append("--- ").append(log.getFileName()).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 15), lines.size())
            .forEach(l -> text.append(l).append('\n'));
      }
    }
    return text.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** Stops every component, the API server first. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : processes.reversed()) {
      p.destroy();
    }
    for (Process p : processes.reversed()) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    if (askPassSocket != null) {
      try {
        Files.deleteIfExists(askPassSocket);
        Files.deleteIfExists(askPassSocket.getParent());
      } catch (IOException e) {
        // a temporary directory left behind
      }
    }
  }
}
