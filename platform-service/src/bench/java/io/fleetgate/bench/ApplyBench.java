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
 * records) against a minimal raw SSA client and {@code kubectl apply --server-side}, one run.
 */
final class ApplyBench {

  static final int OBJECTS = Size.of(10_000, 100);
  private static final int WARMUP = Size.of(1_000, 10);

  private ApplyBench() {}

  static void run() throws Exception {
    try (BenchFleet bench = new BenchFleet(1)) {
      String cluster = bench.firstCluster();
      Path kubeconfig = bench.kubeconfig(cluster);
      ClusterApi api =
          new KubeClients(KubeconfigPolicy.strict())
              .api(new Kubeconfig(kubeconfig.toString(), Files.readString(kubeconfig)));
      for (String ns :
          List.of(
              "bench-fleetgate",
              "bench-raw",
              "bench-kubectl",
              "bench-warm-fleetgate",
              "bench-warm-raw")) {
        api.apply(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", ns)));
      }

      List<RenderedObject> objects = configMaps("bench-fleetgate", OBJECTS);
      Path data = Files.createTempDirectory("fleetgate-bench-apply");
      // Warm both clients (JIT, connections, discovery) on objects of their own first.
      RawApplyClient raw = new RawApplyClient(kubeconfig);
      requireNoFailures(
          raw.applyConfigMaps("bench-warm-raw", "cm", WARMUP, "v1", EngineSeam.APPLY_PARALLELISM));
      try (SqliteStore warm =
          SqliteStore.open(Files.createTempDirectory("fleetgate-bench-warm"), Clock.systemUTC())) {
        EngineSeam.applyDirectly(api, warm, cluster, configMaps("bench-warm-fleetgate", WARMUP));
      }
      double fleetgate;
      try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
        long start = System.nanoTime();
        EngineSeam.applyDirectly(api, store, cluster, objects);
        fleetgate = OBJECTS / ((System.nanoTime() - start) / 1e9);
      }

      long start = System.nanoTime();
      int failed =
          raw.applyConfigMaps("bench-raw", "cm", OBJECTS, "v1", EngineSeam.APPLY_PARALLELISM);
      double rawRate = OBJECTS / ((System.nanoTime() - start) / 1e9);
      requireNoFailures(failed);

      Path manifests = data.resolve("kubectl.yaml");
      StringBuilder yaml = new StringBuilder();
      for (int i = 0; i < OBJECTS; i++) {
        yaml.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-")
            .append(i)
            .append("\n  namespace: bench-kubectl\ndata:\n  value: v1\n");
      }
      Files.writeString(manifests, yaml);
      start = System.nanoTime();
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
      for (String ns : List.of("bench-fleetgate", "bench-raw", "bench-kubectl")) {
        requireHolds(raw, ns);
      }

      Report.line("");
      Report.line(
          "### %,d ConfigMaps server-side-applied to one cluster (".formatted(OBJECTS)
              + EngineSeam.APPLY_PARALLELISM
              + " requests in flight)");
      Report.line("");
      Report.line("| client | objects/s |");
      Report.line("|---|---|");
      Report.line(
          "| Fleetgate (plan and apply phases: discovery, labels, content hashes, inventory and audit in SQLite) | %,.0f |"
              .formatted(fleetgate));
      Report.line(
          "| baseline: minimal raw SSA client (one PATCH per object, nothing else) | %,.0f |"
              .formatted(rawRate));
      Report.line(
          "| baseline: `kubectl apply --server-side -f` (one %,d-document file) | %,.0f |"
              .formatted(OBJECTS, kubectlRate));
      Report.line("");
      Report.line(
          "Fleetgate / raw client: **%.2f×**; Fleetgate / kubectl: **%.1f×**."
              .formatted(fleetgate / rawRate, fleetgate / kubectlRate));
    }
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
