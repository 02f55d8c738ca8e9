package io.fleetgate.bench;

import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.tools.ToolCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 10,000 ConfigMaps into one cluster: Fleetgate's applier (discovery, labels, hashes, inventory
 * records) against a minimal raw SSA client sending the very bodies Fleetgate sends, in rounds of
 * alternating order; then, once each for reference, the raw client with bare ConfigMaps (no
 * Fleetgate metadata) and {@code kubectl apply --server-side}.
 */
final class ApplyBench {

  static final int OBJECTS = Size.of(10_000, 100);
  private static final int WARMUP = Size.of(1_000, 10);
  private static final int ROUNDS = Size.of(4, 1);

  private ApplyBench() {}

  static void run() throws Exception {
    try (BenchFleet bench = new BenchFleet(1)) {
      String cluster = bench.firstCluster();
      Path kubeconfig = bench.kubeconfig(cluster);
      ClusterApi api =
          new KubeClients(KubeconfigPolicy.strict())
              .api(new Kubeconfig(kubeconfig.toString(), Files.readString(kubeconfig)));
      for (String ns : List.of("bench-kubectl", "bench-warm-fleetgate", "bench-warm-raw")) {
        api.apply(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", ns)));
      }
      Path data = Files.createTempDirectory("fleetgate-bench-apply");
      // Warm both clients (JIT, connections, discovery) on objects of their own first.
      RawApplyClient raw = new RawApplyClient(kubeconfig);
      requireNoFailures(
          raw.applyConfigMaps("bench-warm-raw", "cm", WARMUP, "v1", EngineSeam.APPLY_PARALLELISM));
      try (SqliteStore warm =
          SqliteStore.open(Files.createTempDirectory("fleetgate-bench-warm"), Clock.systemUTC())) {
        EngineSeam.applyDirectly(api, warm, cluster, configMaps("bench-warm-fleetgate", WARMUP));
      }
      // Rounds, each client to namespaces of its own, the order alternating from round to round,
      // so that neither always writes to the larger store or meets a burst of load from elsewhere;
      // the median of the rounds' ratios counts.
      List<double[]> rounds = new java.util.ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        String fleetgateNs = "bench-fleetgate-" + round;
        String rawNs = "bench-raw-" + round;
        for (String ns : List.of(fleetgateNs, rawNs)) {
          api.apply(
              Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", ns)));
        }
        double fleetgate = 0;
        double rawRate = 0;
        for (int turn = 0; turn < 2; turn++) {
          if ((turn == 0) == (round % 2 == 0)) {
            try (SqliteStore store =
                SqliteStore.open(data.resolve("round-" + round), Clock.systemUTC())) {
              List<RenderedObject> objects = configMaps(fleetgateNs, OBJECTS);
              long start = System.nanoTime();
              EngineSeam.applyDirectly(api, store, cluster, objects);
              fleetgate = OBJECTS / ((System.nanoTime() - start) / 1e9);
            }
          } else {
            List<Map<String, Object>> bodies = EngineSeam.bodiesAsSent(configMaps(rawNs, OBJECTS));
            long start = System.nanoTime();
            int failed = raw.apply(bodies, EngineSeam.APPLY_PARALLELISM);
            rawRate = OBJECTS / ((System.nanoTime() - start) / 1e9);
            requireNoFailures(failed);
          }
        }
        requireHolds(raw, fleetgateNs);
        requireHolds(raw, rawNs);
        rounds.add(new double[] {fleetgate, rawRate});
      }

      // The raw client once more with bare ConfigMaps: what Fleetgate's three metadata fields cost
      // the API server.
      api.apply(
          Map.of(
              "apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "bench-bare")));
      long bareStart = System.nanoTime();
      requireNoFailures(
          raw.applyConfigMaps("bench-bare", "cm", OBJECTS, "v1", EngineSeam.APPLY_PARALLELISM));
      double bareRate = OBJECTS / ((System.nanoTime() - bareStart) / 1e9);
      requireHolds(raw, "bench-bare");

      Path manifests = data.resolve("kubectl.yaml");
      StringBuilder yaml = new StringBuilder();
      for (int i = 0; i < OBJECTS; i++) {
        yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-")
            .append(i)
            .append("\n  namespace: bench-kubectl\ndata:\n  value: v1\n");
      }
      Files.writeString(manifests, yaml);
      long start = System.nanoTime();
      Process kubectl =
          new ProcessBuilder(
                  ToolCache.locate().executable("kubectl").toString(),
                  "--kubeconfig",
                  kubeconfig.toString(),
                  "apply",
                  "--server-side",
                  "-f",
                  manifests.toString())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectErrorStream(true)
              .start();
      if (kubectl.waitFor() != 0) {
        throw new IllegalStateException("kubectl apply failed");
      }
      double kubectlRate = OBJECTS / ((System.nanoTime() - start) / 1e9);
      requireHolds(raw, "bench-kubectl");

      List<Double> ratios = rounds.stream().map(r -> r[0] / r[1]).sorted().toList();
      // An even number of rounds, as many with each client first: the median is the mean of the
      // middle two.
      double median =
          ratios.size() % 2 == 1
              ? ratios.get(ratios.size() / 2)
              : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
      double fleetgate = median(rounds.stream().map(r -> r[0]).toList());
      double rawRate = median(rounds.stream().map(r -> r[1]).toList());
      Report.line("");
      Report.line(
          "### %,d ConfigMaps server-side-applied to one cluster (".formatted(OBJECTS)
              + EngineSeam.APPLY_PARALLELISM
              + " requests in flight), "
              + ROUNDS
              + " rounds, the order alternating");
      Report.line("");
      Report.line(
          "| round | Fleetgate objects/s | raw client, the same bodies, objects/s | ratio |");
      Report.line("|---|---|---|---|");
      for (int i = 0; i < rounds.size(); i++) {
        Report.line(
            "| %d (%s first) | %,.0f | %,.0f | %.2f× |"
                .formatted(
                    i + 1,
                    i % 2 == 0 ? "Fleetgate" : "raw",
                    rounds.get(i)[0],
                    rounds.get(i)[1],
                    rounds.get(i)[0] / rounds.get(i)[1]));
      }
      Report.line("");
      Report.line(
          ("Fleetgate (plan and apply phases: discovery, labels, content hashes, inventory and audit"
                  + " in SQLite) %,.0f objects/s, raw SSA client (one PATCH per object of the body"
                  + " Fleetgate sends, nothing else) %,.0f (medians); once each after the rounds:"
                  + " the raw client with bare ConfigMaps (no bundle label, source or content-hash"
                  + " annotation) %,.0f, `kubectl apply --server-side -f` of bare ConfigMaps (one"
                  + " %,d-document file) %,.0f.")
              .formatted(fleetgate, rawRate, bareRate, OBJECTS, kubectlRate));
      Report.line(
          "Fleetgate / raw client: **%.2f×** (median of the rounds' ratios, %.2f – %.2f);"
                  .formatted(median, ratios.getFirst(), ratios.getLast())
              + " Fleetgate / kubectl: **%.1f×**.".formatted(fleetgate / kubectlRate));
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static void requireNoFailures(int failed) {
    if (failed > 0) {
      throw new IllegalStateException("the raw client failed " + failed + " applies");
    }
  }

  /** Reads the cluster itself: the namespace holds every ConfigMap with its value. */
  private static void requireHolds(RawApplyClient client, String namespace) throws Exception {
    Map<String, String> values = client.configMapValues(namespace, "value");
    for (int i = 0; i < OBJECTS; i++) {
      if (!"v1".equals(values.get("cm-" + i))) {
        throw new IllegalStateException(
            namespace + "/cm-" + i + " holds " + values.get("cm-" + i) + ", not v1");
      }
    }
  }

  static List<RenderedObject> configMaps(String namespace, int count) {
    List<RenderedObject> objects = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = "cm-" + i;
      objects.add(
          new RenderedObject(
              new ObjectRef("", "ConfigMap", namespace, name),
              "bench",
              Map.of(
                  "apiVersion",
                  "v1",
                  "kind",
                  "ConfigMap",
                  "metadata",
                  Map.of("name", name, "namespace", namespace),
                  "data",
                  Map.of("value", "v1")),
              new SourceLocation("bench/config-maps.yaml", 1 + i * 7)));
    }
    return objects;
  }
}
