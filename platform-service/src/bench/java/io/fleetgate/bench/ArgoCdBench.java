package io.fleetgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.app.ArgoCdDriver;
import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.argocd.rest.ArgoCredentials;
import io.fleetgate.auth.Role;
import io.fleetgate.cli.CliRun;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.sandbox.SandboxLayout;
import io.fleetgate.source.jgit.RenderedBranch;
import io.fleetgate.testing.ArgoCdServer;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.GitHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Commit → applied on 3 clusters, three ways side by side in one run, on one sandbox fleet and one
 * real Argo CD: <b>A</b> {@code fleetgate serve} on its own engine; <b>B</b> {@code fleetgate serve
 * --driver argocd}, which validates as always and has Argo CD apply the rendered tree; <b>C</b>
 * Argo CD alone, an automated Application per cluster on a plain-manifests branch, refreshed by a
 * GitHub push webhook to its {@code /api/webhook}. Each is timed from the POST of the push delivery
 * until it reports the commit applied on every cluster: A and B by their event streams' {@code
 * sync.finished}, C by Argo CD's watch stream (every Application's sync operation succeeded at the
 * commit). They take turns commit by commit, the order rotating, each in a namespace of its own;
 * after each commit the clusters are read to check that they hold it.
 *
 * <p>Argo CD runs with a reconciliation period of {@link #RECONCILIATION}: no Application is
 * refreshed on a timer during the run, so every commit Argo CD picks up it picked up from the
 * webhook.
 */
final class ArgoCdBench {

  private static final int OBJECTS = Size.of(50, 3);
  private static final int WARMUP = Size.of(2, 1);
  private static final int COMMITS = Size.of(20, 1);
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration RECONCILIATION = Duration.ofHours(3);
  private static final String PLAIN_LABEL = "fleetgate.io/bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One way of getting a commit onto the clusters. */
  private interface Contender {

    /** The namespace its ConfigMaps live in, on every cluster. */
    String namespace();

    /**
     * Commits round {@code round}, delivers its push and waits until every cluster has it.
     *
     * @return nanoseconds from the POST of the push to the report of the last cluster
     */
    long deliver(int round) throws Exception;
  }

  private final Map<String, List<Long>> times = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String gitToken = new String(GitHubPush.newSecret());
  private List<String> clusters;

  private ArgoCdBench() {}

  static void run() throws Exception {
    new ArgoCdBench().measure();
  }

  private void measure() throws Exception {
    try (BenchFleet bench = new BenchFleet(3);
        RawFleet raw = new RawFleet(bench)) {
      clusters = bench.workloadNames();
      Path work = Files.createTempDirectory("fleetgate-bench-argocd");
      Path repos = Files.createDirectories(work.resolve("repos"));
      ClusterApi management = bench.fleet.api(SandboxLayout.MANAGEMENT);
      try (GitHttpServer git = GitHttpServer.serve(repos, gitToken);
          ArgoCdServer argo =
              ArgoCdServer.start(
                  Path.of("target", "argocd", "bench").toAbsolutePath(),
                  management,
                  bench.managementKubeconfig(),
                  RECONCILIATION)) {
        CliRun register =
            CliRun.of(
                "argocd",
                "register",
                "--management-kubeconfig",
                bench.managementKubeconfig().toString());
        if (register.code() != 0) {
          throw new IllegalStateException(
              "argocd register failed: " + register.out() + register.err());
        }
        Map<String, String> servers = registeredServers(argo);
        try (Served own = serve(bench, work, "bench-argo-own", null);
            Served driven =
                serve(
                    bench, work, "bench-argo-driver", driver(argo, management, git, repos, work));
            Plain plain = plain(argo, management, git, repos, work, raw, servers)) {
          List<Contender> contenders = List.of(own, driven, plain);
          for (int round = 1; round <= WARMUP + COMMITS; round++) {
            for (int k = 0; k < contenders.size(); k++) {
              Contender contender = contenders.get((round + k) % contenders.size());
              long took = contender.deliver(round);
              raw.requireRound(contender.namespace(), OBJECTS, round);
              if (round > WARMUP) {
                times.computeIfAbsent(contender.namespace(), n -> new ArrayList<>()).add(took);
              }
            }
            if (round == 1) {
              plain.requireRefreshedByWebhook(argo);
            }
          }
          own.requireConverged();
          driven.requireConverged();
        }
      }
    }
    report(
        Stats.of(times.get("bench-argo-own")),
        Stats.of(times.get("bench-argo-driver")),
        Stats.of(times.get("bench-argo-plain")));
  }

  /** Argo CD's server for each workload cluster, as {@code fleetgate argocd register} named it. */
  private Map<String, String> registeredServers(ArgoCdServer argo) throws Exception {
    String token = argo.adminToken();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Map<String, String> byName = new LinkedHashMap<>();
      for (JsonNode item : argoGet(argo, token, "/api/v1/clusters").path("items")) {
        byName.put(item.path("name").asText(), item.path("server").asText());
      }
      Map<String, String> servers = new LinkedHashMap<>();
      for (String cluster : clusters) {
        String server = byName.get("fleet/" + cluster);
        if (server != null) {
          servers.put(cluster, server);
        }
      }
      if (servers.size() == clusters.size()) {
        return servers;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Argo CD does not know every registered cluster: " + byName.keySet());
      }
      Thread.sleep(500);
    }
  }

  private ArgoCdDriver driver(
      ArgoCdServer argo, ClusterApi management, GitHttpServer git, Path repos, Path work)
      throws Exception {
    Path rendered = Files.createDirectories(repos.resolve("rendered.git"));
    PlainManifestsRepo.git(rendered, "init", "-q", "--bare");
    PlainManifestsRepo.git(
        rendered, "symbolic-ref", "HEAD", "refs/heads/" + RenderedBranch.DEFAULT_BRANCH);
    String url = git.url("rendered.git");
    ArgoCdServer.declareRepository(management, url, gitToken);
    Path account = work.resolve("argocd-account");
    Files.writeString(account, "admin\n" + argo.adminPassword() + "\n");
    return new ArgoCdDriver(
        argo.url(), new ArgoCredentials.AccountFile(account), url, null, gitToken, ROUND_TIMEOUT);
  }

  /**
   * {@code fleetgate serve} syncing a bundle of {@link #OBJECTS} ConfigMaps in {@code namespace},
   * on its own engine ({@code argocd} null) or through Argo CD; returns once its first sync
   * converged.
   */
  private Served serve(BenchFleet bench, Path work, String namespace, ArgoCdDriver argocd)
      throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve(namespace));
    BenchBundle bundle = new BenchBundle(namespace, OBJECTS);
    bundle.writeTo(repo, 0);
    String head = repo.commit("Bench bundle: a namespace and " + OBJECTS + " ConfigMaps");
    byte[] secret = GitHubPush.newSecret();
    PlatformServer server =
        PlatformServer.start(
            new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                bench.managementKubeconfig(),
                work.resolve(namespace + "-data"),
                SyncSetup.Engine.WASM,
                null),
            new ApiSettings("127.0.0.1", 0, secret),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Clock.systemUTC(),
            report -> {},
            argocd);
    Thread loop = Thread.ofPlatform().name("bench-sync-" + namespace).start(server::run);
    Served served = new Served(namespace, argocd != null, server, loop, repo, bundle, head);
    try {
      URI base = URI.create("http://127.0.0.1:" + server.port());
      String token = server.inProcessToken("bench", Role.VIEWER);
      served.api = new PlatformApiClient(http, base, token);
      served.api.awaitReady(Duration.ofMinutes(5));
      served.api.requireLatestRunConverged(head, clusters);
      served.github =
          new GitHubPush(http, base.resolve("/hooks/github"), secret, "file://" + repo.dir());
      served.events = PlatformEvents.follow(http, base, token);
      return served;
    } catch (Exception | Error e) {
      served.close();
      throw e;
    }
  }

  /** A or B: {@code fleetgate serve}, timed until every cluster's {@code sync.finished}. */
  private final class Served implements Contender, AutoCloseable {

    private final String namespace;
    private final boolean throughArgoCd;
    private final PlatformServer server;
    private final Thread loop;
    private final FleetRepo repo;
    private final BenchBundle bundle;
    private String head;
    private PlatformApiClient api;
    private GitHubPush github;
    private PlatformEvents events;

    Served(
        String namespace,
        boolean throughArgoCd,
        PlatformServer server,
        Thread loop,
        FleetRepo repo,
        BenchBundle bundle,
        String head) {
      this.namespace = namespace;
      this.throughArgoCd = throughArgoCd;
      this.server = server;
      this.loop = loop;
      this.repo = repo;
      this.bundle = bundle;
      this.head = head;
    }

    @Override
    public String namespace() {
      return namespace;
    }

    @Override
    public long deliver(int round) throws Exception {
      bundle.writeTo(repo, round);
      String commit = repo.commit("Change " + OBJECTS + " settings, round " + round);
      HttpRequest push = github.delivery(head, commit, "round " + round);
      long start = System.nanoTime();
      github.send(push);
      PlatformEvents.Finished finished = events.awaitFinished(commit, clusters, ROUND_TIMEOUT);
      long took = System.nanoTime() - start;
      if (!finished.outcomes().values().stream().allMatch(EngineSeam::convergedWord)) {
        throw new IllegalStateException(
            namespace + ": commit " + commit + " did not converge: " + finished.outcomes());
      }
      if (throughArgoCd
          && !(finished.delivered().keySet().containsAll(clusters)
              && finished.delivered().values().stream().allMatch("SUCCEEDED"::equals))) {
        throw new IllegalStateException(
            namespace
                + ": Argo CD did not report every cluster's sync of "
                + commit
                + " succeeded: "
                + finished.delivered());
      }
      head = commit;
      return took;
    }

    void requireConverged() throws Exception {
      api.requireLatestRunConverged(head, clusters);
    }

    @Override
    public void close() throws Exception {
      if (events != null) {
        events.close();
      }
      server.stop();
      loop.join(Duration.ofSeconds(60));
      server.close();
    }
  }

  /**
   * C: Argo CD alone — the manifests on a branch of their own repository, one automated Application
   * per cluster on that branch, the cluster given by the server {@code argocd register} registered
   * it with; returns once Argo CD synced the first commit everywhere.
   */
  private Plain plain(
      ArgoCdServer argo,
      ClusterApi management,
      GitHttpServer git,
      Path repos,
      Path work,
      RawFleet raw,
      Map<String, String> servers)
      throws Exception {
    String namespace = "bench-argo-plain";
    raw.createNamespace(namespace);
    BenchBundle bundle = new BenchBundle(namespace, OBJECTS);
    PlainManifestsRepo repo = PlainManifestsRepo.create(repos, "plain", work.resolve("plain"));
    String head = repo.publish(bundle, 0, "A namespace and " + OBJECTS + " ConfigMaps");
    String url = git.url("plain.git");
    ArgoCdServer.declareRepository(management, url, gitToken);
    String token = argo.adminToken();
    List<String> applications = new ArrayList<>();
    for (String cluster : clusters) {
      String name = "bench-plain-" + cluster;
      applications.add(name);
      Map<String, Object> app =
          Map.of(
              "metadata",
              Map.of(
                  "name",
                  name,
                  "namespace",
                  ArgoCdServer.NAMESPACE,
                  "labels",
                  Map.of(PLAIN_LABEL, "plain")),
              "spec",
              Map.of(
                  "project",
                  "default",
                  "source",
                  Map.of(
                      "repoURL",
                      url,
                      "targetRevision",
                      PlainManifestsRepo.BRANCH,
                      "path",
                      PlainManifestsRepo.PATH),
                  "destination",
                  Map.of("server", servers.get(cluster), "namespace", namespace),
                  "syncPolicy",
                  Map.of("automated", Map.of("prune", true))));
      argoPost(argo, token, "/api/v1/applications?upsert=true", app);
    }
    ArgoCdWatch watch = ArgoCdWatch.follow(http, argo.url(), token, PLAIN_LABEL + "=plain");
    try {
      watch.awaitSynced(head, applications, Duration.ofMinutes(5));
    } catch (Exception | Error e) {
      watch.close();
      throw e;
    }
    // The web page address GitHub names in html_url: the repository's URL without .git.
    String page = url.substring(0, url.length() - ".git".length());
    GitHubPush github = GitHubPush.unsigned(http, argo.url().resolve("/api/webhook"), page, url);
    return new Plain(namespace, repo, bundle, github, watch, applications, page, head);
  }

  /** C: Argo CD alone, timed until its watch reports every Application synced at the commit. */
  private final class Plain implements Contender, AutoCloseable {

    private final String namespace;
    private final PlainManifestsRepo repo;
    private final BenchBundle bundle;
    private final GitHubPush github;
    private final ArgoCdWatch watch;
    private final List<String> applications;
    private final String page;
    private String head;

    Plain(
        String namespace,
        PlainManifestsRepo repo,
        BenchBundle bundle,
        GitHubPush github,
        ArgoCdWatch watch,
        List<String> applications,
        String page,
        String head) {
      this.namespace = namespace;
      this.repo = repo;
      this.bundle = bundle;
      this.github = github;
      this.watch = watch;
      this.applications = applications;
      this.page = page;
      this.head = head;
    }

    @Override
    public String namespace() {
      return namespace;
    }

    @Override
    public long deliver(int round) throws Exception {
      String commit =
          repo.publish(bundle, round, "Change " + OBJECTS + " settings, round " + round);
      HttpRequest push = github.delivery(head, commit, "round " + round);
      long start = System.nanoTime();
      HttpResponse<String> answer = github.post(push);
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "Argo CD did not accept the push: " + answer.statusCode() + " " + answer.body());
      }
      long synced = watch.awaitSynced(commit, applications, ROUND_TIMEOUT);
      head = commit;
      return synced - start;
    }

    /**
     * Fails unless argocd-server's log shows the unsigned push received and the Applications
     * refreshed from it: no {@code webhook.github.secret} is configured, so Argo CD checks no
     * signature.
     */
    void requireRefreshedByWebhook(ArgoCdServer argo) throws Exception {
      String log = Files.readString(argo.log("argocd-server"));
      if (!log.contains("Received push event repo: " + page)) {
        throw new IllegalStateException(
            "argocd-server's log shows no push event for "
                + page
                + "; see "
                + argo.log("argocd-server"));
      }
      for (String application : applications) {
        if (log.lines()
            .noneMatch(
                line ->
                    line.contains("refreshing app from webhook") && line.contains(application))) {
          throw new IllegalStateException(
              "argocd-server did not refresh "
                  + application
                  + " from the webhook; see "
                  + argo.log("argocd-server"));
        }
      }
    }

    @Override
    public void close() {
      watch.close();
    }
  }

  private JsonNode argoGet(ArgoCdServer argo, String token, String path) throws Exception {
    return argoSend(token, HttpRequest.newBuilder(argo.url().resolve(path)).GET(), "GET " + path);
  }

  private void argoPost(ArgoCdServer argo, String token, String path, Object body)
      throws Exception {
    argoSend(
        token,
        HttpRequest.newBuilder(argo.url().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))),
        "POST " + path);
  }

  private JsonNode argoSend(String token, HttpRequest.Builder request, String what)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            request
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Argo CD answered " + what + " with " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private void report(Stats own, Stats driven, Stats plain) {
    Report.line("");
    Report.line(
        ("### Commit → applied on %d clusters, %d objects changed, %d commits (after %d warm-up):"
                + " Fleetgate, Fleetgate through Argo CD, Argo CD alone")
            .formatted(clusters.size(), OBJECTS, COMMITS, WARMUP));
    Report.line("");
    Report.line("| | p50 | p90 | max |");
    Report.line("|---|---|---|---|");
    row(
        "A. Fleetgate's own engine: signed GitHub push → webhook → fetch + render + validate (Wasm)"
            + " + server-side apply + record → `sync.finished` of every cluster (SSE)",
        own);
    row(
        "B. Fleetgate through Argo CD (`serve --driver argocd`): signed push → webhook → fetch +"
            + " render + validate → rendered commit pushed → Applications pinned to it and synced"
            + " by Argo CD → `sync.finished` of every cluster (SSE)",
        driven);
    row(
        "C. Argo CD alone: automated Applications on the branch; unsigned GitHub push to"
            + " `/api/webhook` → refresh → auto-sync → every Application's operation `Succeeded`"
            + " at the commit (watch stream)",
        plain);
    Report.line("");
    Report.line(
        ("Through Argo CD / own engine (B/A): **%.1f×** at p50, %.1f× at p90. Through Argo CD /"
                + " Argo CD alone (B/C): **%.1f×** at p50, %.1f× at p90. Argo CD's reconciliation"
                + " period %d h: every commit it picked up came from the webhook.")
            .formatted(
                driven.p50Millis() / own.p50Millis(),
                p90(driven) / p90(own),
                driven.p50Millis() / plain.p50Millis(),
                p90(driven) / p90(plain),
                RECONCILIATION.toHours()));
  }

  private static void row(String what, Stats stats) {
    Report.line(
        "| %s | %.0f ms | %.0f ms | %.0f ms |"
            .formatted(what, stats.p50Millis(), p90(stats), stats.percentile(100) / 1e6));
  }

  private static double p90(Stats stats) {
    return stats.percentile(90) / 1e6;
  }
}
