package io.fleetgate.bench;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.patch.kube.KubeNodeSource;
import io.fleetgate.rollout.RolloutPhase;
import io.fleetgate.sandbox.InjectedFailure;
import io.fleetgate.sandbox.NodeSeeding;
import io.fleetgate.sandbox.SandboxLayout;
import io.fleetgate.sandbox.UpgradePlayer;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.testing.FleetRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patch rollout of a kernel over the sandbox fleet, with the sandbox's upgrade player as the
 * infrastructure provider: {@code fleetgate serve} as it runs (its rollout step every 5 s, the
 * default), started through the API and timed until its state says completed; beside it, the same
 * rollout done by {@link ScriptedRollout}, a careful script. Both roll each cluster's nodes {@code
 * maxUnavailable} 1 at a time, wave after wave, {@value #MAX_PARALLEL} clusters at a time after a
 * canary of one, under the same player settings; the difference is Fleetgate's overhead. The order
 * alternates round by round; after each rollout the clusters' Nodes are read to check every one is
 * on the new kernel and Ready.
 */
final class RolloutBench {

  private static final int NODES = Size.of(10, 2);
  private static final int ROUNDS = Size.of(4, 1);
  private static final int MAX_PARALLEL = 5;
  private static final long MIB_PER_API_SERVER = 300;
  private static final long MIB_FOR_THE_REST = 4 * 1024;
  private static final Duration PER_NODE = Duration.ofMillis(Size.of(1_000, 100));
  private static final Duration PLAYER_POLL = UpgradePlayer.POLL_EVERY;
  private static final Duration SCRIPT_POLL = Duration.ofMillis(500);
  private static final Duration FLEETGATE_POLL = Duration.ofMillis(100);

  private record Round(long fleetgate, long baseline, boolean fleetgateFirst) {
    double difference() {
      return (fleetgate - baseline) / 1e9;
    }
  }

  private final List<Round> rounds = new ArrayList<>();
  private List<String> clusters;
  private List<ScriptedRollout.Wave> waves;
  private Duration timeout;

  /**
   * Fifty workload clusters, as many as a fleet in the figure; {@code
   * FLEETGATE_BENCH_ROLLOUT_CLUSTERS} sets fewer for a machine without the memory for 51 API
   * servers (ADR 38). Read when the benchmark starts, so that a bad value is reported as such.
   */
  private final int clusterCount = Size.of(clustersFromEnvironment(), 1);

  private RolloutBench() {}

  static void run() throws Exception {
    new RolloutBench().measure();
  }

  private void measure() throws Exception {
    if (!Size.isSmoke()) {
      requireMemoryFor(clusterCount + 1);
    }
    long upStart = System.nanoTime();
    try (BenchFleet bench = new BenchFleet(clusterCount)) {
      double upSeconds = (System.nanoTime() - upStart) / 1e9;
      clusters = bench.workloadNames();
      waves = waves(clusters);
      timeout = criticalPathProvider().multipliedBy(3).plusMinutes(2);
      Optional<ApiServerFootprint> footprint =
          ApiServerFootprint.measure(
              bench.fleet,
              concat(SandboxLayout.MANAGEMENT, clusters),
              Duration.ofSeconds(Size.of(10, 1)));
      new NodeSeeding(bench.fleet::api).seed(clusters, NODES);
      Path work = Files.createTempDirectory("fleetgate-bench-rollout");
      FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
      for (int i = 0; i < 2 * ROUNDS; i++) {
        repo.write("rollouts/bench-" + i + ".yaml", rolloutDocument(i));
      }
      repo.commit("Bench rollouts: " + 2 * ROUNDS + " kernels over " + clusterCount + " clusters");
      ClusterApi management = bench.fleet.api(SandboxLayout.MANAGEMENT);
      List<ClusterAccess> access = new CapiClusterDirectory(management).discover().clusters();
      ScriptedRollout script =
          new ScriptedRollout(
              management,
              new KubeNodeSource(new KubeClients(KubeconfigPolicy.strict())),
              access,
              SCRIPT_POLL);
      Path data = work.resolve("data");
      try (UpgradePlayer player =
              new UpgradePlayer(
                      bench.fleet::api,
                      new UpgradePlayer.Settings(PLAYER_POLL, PER_NODE, InjectedFailure.none()),
                      event -> {})
                  .start();
          PlatformServer server =
              PlatformServer.start(
                  new SyncSetup.Config(
                      repo.dir().toString(),
                      "main",
                      bench.managementKubeconfig(),
                      data,
                      SyncSetup.Engine.WASM,
                      null),
                  new ApiSettings("127.0.0.1", 0, new byte[0]),
                  Duration.ofHours(1),
                  Duration.ofHours(2),
                  Clock.systemUTC(),
                  report -> {})) {
        Thread loop = Thread.ofPlatform().name("bench-sync-loop").start(server::run);
        try (SqliteStore records = SqliteStore.open(data, Clock.systemUTC())) {
          HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
          URI base = URI.create("http://127.0.0.1:" + server.port());
          String token = server.inProcessToken("bench", Role.OPERATOR);
          new PlatformApiClient(http, base, token).awaitReady(Duration.ofMinutes(5));
          for (int round = 0; round < ROUNDS; round++) {
            long fleetgate = 0;
            long baseline = 0;
            boolean fleetgateFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
              if ((turn == 0) == fleetgateFirst) {
                int index = 2 * round + turn;
                fleetgate = rollOutWithFleetgate(http, base, token, records, index);
                script.requireOn(clusters, kernel(index), NODES);
              } else {
                int index = 2 * round + turn;
                long start = System.nanoTime();
                script.run(waves, kernel(index), 1, timeout);
                baseline = System.nanoTime() - start;
                script.requireOn(clusters, kernel(index), NODES);
              }
            }
            rounds.add(new Round(fleetgate, baseline, fleetgateFirst));
          }
        } finally {
          server.stop();
          loop.join(Duration.ofSeconds(60));
        }
      }
      report(upSeconds, footprint);
    }
  }

  /** Starts rollout {@code index} through the API and times it until its state is completed. */
  private long rollOutWithFleetgate(
      HttpClient http, URI base, String token, SqliteStore records, int index) throws Exception {
    String name = "bench-" + index;
    long start = System.nanoTime();
    HttpResponse<String> started =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/rollouts/" + name + "/start"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (started.statusCode() != 200) {
      throw new IllegalStateException(
          "starting " + name + ": " + started.statusCode() + " " + started.body());
    }
    long deadline = start + timeout.toNanos();
    while (true) {
      var stored = records.rollouts().load(name);
      RolloutPhase phase = stored.map(s -> s.state().phase()).orElse(RolloutPhase.PENDING);
      if (phase == RolloutPhase.COMPLETED) {
        return System.nanoTime() - start;
      }
      if (phase.settled() && phase != RolloutPhase.PENDING) {
        throw new IllegalStateException(
            name + " ended " + phase + ": " + stored.get().state().reason());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " did not complete within " + timeout.toSeconds() + " s; it is " + phase);
      }
      Thread.sleep(FLEETGATE_POLL);
    }
  }

  /**
   * A canary of one cluster, then the rest {@value #MAX_PARALLEL} at a time, in name order: the
   * order in which Fleetgate's wave plan takes a wave's clusters, whatever order they are listed
   * in.
   */
  private static List<ScriptedRollout.Wave> waves(List<String> clusters) {
    List<ScriptedRollout.Wave> waves = new ArrayList<>();
    waves.add(new ScriptedRollout.Wave(clusters.subList(0, 1), 1));
    if (clusters.size() > 1) {
      waves.add(
          new ScriptedRollout.Wave(
              clusters.subList(1, clusters.size()).stream().sorted().toList(), MAX_PARALLEL));
    }
    return waves;
  }

  private String rolloutDocument(int index) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: fleetgate.io/v1alpha1
            kind: PatchRollout
            metadata:
              name: bench-%d
            spec:
              target:
                kernelVersion: %s
              waves:
            """
                .formatted(index, kernel(index)));
    for (int i = 0; i < waves.size(); i++) {
      yaml.append("    - name: ")
          .append(i == 0 ? "canary" : "rest")
          .append("\n      clusters: [")
          .append(String.join(", ", waves.get(i).clusters()))
          .append("]\n      maxParallel: ")
          .append(waves.get(i).maxParallel())
          .append("\n      maxUnavailableNodes: 1\n");
    }
    return yaml.toString();
  }

  private static String kernel(int index) {
    return "6.8.0-" + (200 + index) + "-generic";
  }

  /** Nodes one after another on the longest path: each wave's clusters in batches of its width. */
  private int criticalPathNodes() {
    int nodes = 0;
    for (ScriptedRollout.Wave wave : waves) {
      nodes += (wave.clusters().size() + wave.maxParallel() - 1) / wave.maxParallel() * NODES;
    }
    return nodes;
  }

  private Duration criticalPathProvider() {
    return PER_NODE.multipliedBy(criticalPathNodes());
  }

  private static int clustersFromEnvironment() {
    String set = System.getenv("FLEETGATE_BENCH_ROLLOUT_CLUSTERS");
    if (set == null || set.isBlank()) {
      return 50;
    }
    try {
      int clusters = Integer.parseInt(set.strip());
      if (clusters >= 1) {
        return clusters;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BenchSettingException(
        "FLEETGATE_BENCH_ROLLOUT_CLUSTERS is '" + set + "'; it takes a whole number from 1 up.");
  }

  /**
   * Fails before anything starts when the machine has not the memory for {@code apiServers} API
   * servers beside the benchmark's own JVM and the sandbox's etcd, rather than hours later in a
   * machine that swaps or kills.
   */
  private static void requireMemoryFor(int apiServers) throws java.io.IOException {
    Path meminfo = Path.of("/proc/meminfo");
    if (!Files.isReadable(meminfo)) {
      return;
    }
    long availableMib =
        Files.readAllLines(meminfo).stream()
                .filter(line -> line.startsWith("MemAvailable:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(Long.MAX_VALUE / 1024)
            / 1024;
    long neededMib = apiServers * MIB_PER_API_SERVER + MIB_FOR_THE_REST;
    long fit = (availableMib - MIB_FOR_THE_REST) / MIB_PER_API_SERVER - 1;
    if (availableMib < neededMib && fit < 1) {
      throw new BenchSettingException(
          "The rollout benchmark needs about %,d MiB for even one cluster; %,d MiB are available."
              .formatted(MIB_FOR_THE_REST + 2 * MIB_PER_API_SERVER, availableMib));
    }
    if (availableMib < neededMib) {
      throw new BenchSettingException(
          ("The rollout benchmark runs %d API servers and needs about %,d MiB; %,d MiB are"
                  + " available. Set FLEETGATE_BENCH_ROLLOUT_CLUSTERS=%d to run it over fewer"
                  + " clusters.")
              .formatted(apiServers, neededMib, availableMib, fit));
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private void report(double upSeconds, Optional<ApiServerFootprint> footprint) {
    int nodes = clusterCount * NODES;
    int path = criticalPathNodes();
    Report.line("");
    Report.line(
        ("### Kernel patch rollout over %d clusters × %d nodes (%d nodes), canary of 1 then %d at"
                + " a time, 1 node down at a time, %.1f s per node in the upgrade player, %d rounds,"
                + " the order alternating")
            .formatted(
                clusterCount, NODES, nodes, MAX_PARALLEL, PER_NODE.toMillis() / 1e3, ROUNDS));
    Report.line("");
    Report.line(
        ("Sandbox of 1 + %d kube-apiservers up in %.0f s%s.")
            .formatted(
                clusterCount,
                upSeconds,
                footprint
                    .map(
                        f ->
                            "; each kube-apiserver holds %.0f MiB resident and burns %.1f %% of a"
                                    .formatted(f.rssMib(), f.idleCpuPercent())
                                + " core idle (mean of %d)".formatted(f.members()))
                    .orElse("")));
    Report.line("");
    Report.line("| round | Fleetgate | careful script | difference | per node |");
    Report.line("|---|---|---|---|---|");
    for (int i = 0; i < rounds.size(); i++) {
      Round round = rounds.get(i);
      Report.line(
          "| %d (%s first) | %.1f s | %.1f s | %+.1f s | %+.2f s |"
              .formatted(
                  i + 1,
                  round.fleetgateFirst() ? "Fleetgate" : "script",
                  round.fleetgate() / 1e9,
                  round.baseline() / 1e9,
                  round.difference(),
                  round.difference() / nodes));
    }
    double fleetgate = median(rounds.stream().map(r -> r.fleetgate() / 1e9).toList());
    double baseline = median(rounds.stream().map(r -> r.baseline() / 1e9).toList());
    double difference = median(rounds.stream().map(Round::difference).toList());
    double provider = criticalPathProvider().toMillis() / 1e3;
    Report.line("");
    Report.line(
        ("Medians: Fleetgate (`serve`, rollout step every 5 s: observe, step, save with audit"
                + " rows, declare) %.1f s; careful script (apply, then read the Nodes every %d ms)"
                + " %.1f s; simulated provider time %.1f s (%.1f s per node × %d nodes on the"
                + " critical path).")
            .formatted(
                fleetgate,
                SCRIPT_POLL.toMillis(),
                baseline,
                provider,
                PER_NODE.toMillis() / 1e3,
                path));
    Report.line(
        ("Fleetgate's own overhead: **%.1f s** per rollout, **%.2f s per node** (%d nodes; %.2f s"
                + " per node on the critical path). Target ≤ 1 s per node: %s.")
            .formatted(
                difference,
                difference / nodes,
                nodes,
                difference / path,
                Size.isSmoke()
                    ? "not judged in a smoke run"
                    : difference / nodes <= 1.0 ? "met" : "not met"));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
