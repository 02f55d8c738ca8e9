package io.fleetgate.bench;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.testing.FleetRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signed GitHub push → applied on 3 clusters, 50 objects changed per commit: {@code fleetgate
 * serve} as it runs, timed from the POST of a signed push delivery to its webhook until its event
 * stream has reported the commit synced on every cluster, which it does after the objects were
 * applied and the sync recorded. The baseline applies the same 50 ConfigMaps to the same three
 * clusters in parallel, as many requests in flight per cluster as Fleetgate's applier, and nothing
 * else. The two alternate commit by commit, so that whatever else the machine does falls on both;
 * after each, the clusters themselves are read to check that they hold the commit.
 */
final class CommitBench {

  private static final int OBJECTS = Size.of(50, 5);
  private static final int WARMUP = Size.of(5, 1);
  private static final int COMMITS = Size.of(100, 3);
  private static final String NAMESPACE = "bench-commit";
  private static final String RAW_NAMESPACE = "bench-raw";
  private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);

  /** The platform's own timers that show where a sync's time goes. */
  private static final List<String> PHASES =
      List.of("render", "validate", "plan", "apply", "observe", "record");

  private static final List<String> TIMERS = timers();

  private static List<String> timers() {
    List<String> timers =
        new ArrayList<>(
            List.of(
                "fleetgate_git_fetch_seconds_sum",
                "fleetgate_git_fetch_seconds_count",
                "fleetgate_reconcile_seconds_sum",
                "fleetgate_reconcile_seconds_count"));
    for (String phase : PHASES) {
      timers.add(phase("sum", phase));
      timers.add(phase("count", phase));
    }
    return List.copyOf(timers);
  }

  private static String phase(String series, String phase) {
    return "fleetgate_reconcile_phase_seconds_" + series + "{phase=\"" + phase + "\"}";
  }

  private final List<Long> fleetgate = new ArrayList<>();
  private final List<Long> triggers = new ArrayList<>();
  private final List<Long> baseline = new ArrayList<>();
  private final BenchBundle bundle = new BenchBundle(NAMESPACE, OBJECTS);
  private List<String> clusters;
  private FleetRepo repo;
  private String head;

  private CommitBench() {}

  static void run() throws Exception {
    new CommitBench().measure();
  }

  private void measure() throws Exception {
    Map<String, Double> before = Map.of();
    Map<String, Double> after;
    try (BenchFleet bench = new BenchFleet(3);
        RawFleet raw = new RawFleet(bench)) {
      clusters = bench.workloadNames();
      Path work = Files.createTempDirectory("fleetgate-bench-commit");
      repo = FleetRepo.seed(work.resolve("fleet"));
      bundle.writeTo(repo, 0);
      head = repo.commit("Bench bundle: a namespace and " + OBJECTS + " ConfigMaps");
      raw.createNamespace(RAW_NAMESPACE);

      byte[] secret = GitHubPush.newSecret();
      try (PlatformServer server =
          PlatformServer.start(
              new SyncSetup.Config(
                  repo.dir().toString(),
                  "main",
                  bench.managementKubeconfig(),
                  work.resolve("data"),
                  SyncSetup.Engine.WASM,
                  null),
              new ApiSettings("127.0.0.1", 0, secret),
              Duration.ofHours(1),
              Duration.ofHours(2),
              Clock.systemUTC(),
              report -> {})) {
        Thread loop = Thread.ofPlatform().name("bench-sync-loop").start(server::run);
        try {
          URI base = URI.create("http://127.0.0.1:" + server.port());
          HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
          String token = server.inProcessToken("bench", Role.VIEWER);
          PlatformApiClient api = new PlatformApiClient(http, base, token);
          api.awaitReady(Duration.ofMinutes(5));
          api.requireLatestRunConverged(head, clusters);
          GitHubPush github =
              new GitHubPush(http, base.resolve("/hooks/github"), secret, "file://" + repo.dir());
          try (PlatformEvents events = PlatformEvents.follow(http, base, token)) {
            for (int round = 1; round <= WARMUP + COMMITS; round++) {
              if (round == WARMUP + 1) {
                before = api.metricSums(TIMERS);
              }
              pushAndAwait(github, events, raw, round);
              applyRaw(raw, round);
            }
          }
          after = api.metricSums(TIMERS);
          api.requireLatestRunConverged(head, clusters);
        } finally {
          server.stop();
          loop.join(Duration.ofSeconds(60));
        }
      }
    }
    report(Stats.of(fleetgate), Stats.of(triggers), Stats.of(baseline));
    reportPhases(before, after, Stats.of(fleetgate));
  }

  /**
   * Commits round {@code round}, delivers its push and times it until every cluster synced it; then
   * reads the clusters to check that they hold it.
   */
  private void pushAndAwait(GitHubPush github, PlatformEvents events, RawFleet raw, int round)
      throws Exception {
    bundle.writeTo(repo, round);
    String commit = repo.commit("Change " + OBJECTS + " settings, round " + round);
    HttpRequest push = github.delivery(head, commit, "round " + round);
    long start = System.nanoTime();
    github.send(push);
    PlatformEvents.Finished finished = events.awaitFinished(commit, clusters, ROUND_TIMEOUT);
    long took = System.nanoTime() - start;
    if (!finished.outcomes().values().stream().allMatch(EngineSeam::convergedWord)) {
      throw new IllegalStateException(
          "commit " + commit + " did not converge: " + finished.outcomes());
    }
    if (finished.started() == 0) {
      throw new IllegalStateException("no sync.started event for " + commit);
    }
    head = commit;
    raw.requireRound(NAMESPACE, OBJECTS, round);
    if (round > WARMUP) {
      fleetgate.add(took);
      triggers.add(finished.started() - start);
    }
  }

  /** Applies round {@code round}'s ConfigMaps to every cluster at once, timed; then reads them. */
  private void applyRaw(RawFleet raw, int round) throws Exception {
    List<List<Map<String, Object>>> objects = new ArrayList<>();
    for (int i = 0; i < clusters.size(); i++) {
      objects.add(bundle.configMaps(RAW_NAMESPACE, round));
    }
    long start = System.nanoTime();
    raw.applyInParallel(objects);
    long took = System.nanoTime() - start;
    raw.requireRound(RAW_NAMESPACE, OBJECTS, round);
    if (round > WARMUP) {
      baseline.add(took);
    }
  }

  private void report(Stats ours, Stats trigger, Stats theirs) {
    Report.line("");
    Report.line(
        "### Signed push → applied on %d clusters, %d objects changed, %d commits (after %d warm-up)"
            .formatted(clusters.size(), OBJECTS, COMMITS, WARMUP));
    Report.line("");
    Report.line("| | p50 | p99 |");
    Report.line("|---|---|---|");
    Report.line(
        ("| Fleetgate: signed GitHub push → webhook → fetch + render + validate (Wasm) + apply"
                + " + record → `sync.finished` of every cluster received (SSE) | %.0f ms | %.0f ms |")
            .formatted(ours.p50Millis(), ours.p99Millis()));
    Report.line(
        "| of which: push delivered → `sync.started` received | %.0f ms | %.0f ms |"
            .formatted(trigger.p50Millis(), trigger.p99Millis()));
    Report.line(
        ("| baseline: raw SSA of the same %d ConfigMaps to the %d clusters in parallel (%d in"
                + " flight per cluster), nothing else | %.0f ms | %.0f ms |")
            .formatted(
                OBJECTS * clusters.size(),
                clusters.size(),
                EngineSeam.APPLY_PARALLELISM,
                theirs.p50Millis(),
                theirs.p99Millis()));
    Report.line("");
    Report.line(
        ("Fleetgate / raw apply: **%.1f×** at p50, **%.1f×** at p99. Targets p50 ≤ 400 ms, p99 ≤"
                + " 1 s: %s.")
            .formatted(
                ours.p50Millis() / theirs.p50Millis(),
                ours.p99Millis() / theirs.p99Millis(),
                Size.isSmoke()
                    ? "not judged in a smoke run"
                    : ours.p50Millis() <= 400 && ours.p99Millis() <= 1000 ? "met" : "not met"));
  }

  /** Means over the measured commits from the platform's own timers: where the time goes. */
  private static void reportPhases(
      Map<String, Double> before, Map<String, Double> after, Stats ours) {
    double fetches = delta(before, after, "fleetgate_git_fetch_seconds_count");
    double reconciles = delta(before, after, "fleetgate_reconcile_seconds_count");
    if (fetches == 0 || reconciles == 0) {
      Report.line("(The platform's fetch and reconcile timers recorded nothing.)");
      return;
    }
    Report.line(
        ("Where the time goes, means per commit from the platform's `/metrics`: end to end %.0f"
                + " ms; Git fetch %.0f ms; reconciling one cluster (render, validate, apply,"
                + " observe; the clusters in parallel) %.0f ms; the rest is the webhook, the audit"
                + " records, OpenReports and the events.")
            .formatted(
                ours.meanMillis(),
                delta(before, after, "fleetgate_git_fetch_seconds_sum") / fetches * 1e3,
                delta(before, after, "fleetgate_reconcile_seconds_sum") / reconciles * 1e3));
    StringBuilder phases = new StringBuilder();
    for (String phase : PHASES) {
      double count = delta(before, after, phase("count", phase));
      if (count > 0) {
        phases.append(phases.isEmpty() ? "" : ", ");
        phases.append(
            "%s %.0f ms".formatted(phase, delta(before, after, phase("sum", phase)) / count * 1e3));
      }
    }
    Report.line("Per cluster, by phase: " + phases + ".");
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
    return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
  }
}
