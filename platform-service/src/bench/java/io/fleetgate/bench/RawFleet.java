package io.fleetgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw baseline across a fleet: one {@link RawApplyClient} and one thread per cluster, so that
 * the clusters are applied to in parallel as Fleetgate applies them, each with {@link
 * EngineSeam#APPLY_PARALLELISM} requests in flight. Also reads the clusters back.
 */
final class RawFleet implements AutoCloseable {

  private final List<String> clusters;
  private final List<RawApplyClient> clients = new ArrayList<>();
  private final ExecutorService perCluster;

  RawFleet(BenchFleet bench) throws Exception {
    clusters = bench.workloadNames();
    for (String cluster : clusters) {
      clients.add(new RawApplyClient(bench.kubeconfig(cluster)));
    }
    perCluster = Executors.newFixedThreadPool(clusters.size());
  }

  /** Creates the namespace in every cluster. */
  void createNamespace(String namespace) throws Exception {
    Map<String, Object> object =
        Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", namespace));
    for (int i = 0; i < clients.size(); i++) {
      requireApplied(clients.get(i).apply(List.of(object), 1), clusters.get(i));
    }
  }

  /**
   * Applies the objects to every cluster at once and returns when all are applied.
   *
   * @param objects per cluster, in the order of {@link BenchFleet#workloadNames()}
   */
  void applyInParallel(List<List<Map<String, Object>>> objects) throws Exception {
    List<Future<Integer>> applied = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      RawApplyClient client = clients.get(i);
      List<Map<String, Object>> theirs = objects.get(i);
      applied.add(perCluster.submit(() -> client.apply(theirs, EngineSeam.APPLY_PARALLELISM)));
    }
    for (int i = 0; i < clients.size(); i++) {
      requireApplied(applied.get(i).get(), clusters.get(i));
    }
  }

  /**
   * Reads every cluster itself: ConfigMaps {@code settings-0 … settings-(count-1)} of the namespace
   * hold {@code round} under their {@code round} key.
   */
  void requireRound(String namespace, int count, int round) throws Exception {
    for (int c = 0; c < clients.size(); c++) {
      Map<String, String> values = clients.get(c).configMapValues(namespace, "round");
      for (int i = 0; i < count; i++) {
        String value = values.get("settings-" + i);
        if (!Integer.toString(round).equals(value)) {
          throw new IllegalStateException(
              "%s holds round %s of %s/settings-%d, not %d"
                  .formatted(clusters.get(c), value, namespace, i, round));
        }
      }
    }
  }

  private static void requireApplied(int failed, String cluster) {
    if (failed > 0) {
      throw new IllegalStateException(
          "the raw baseline failed " + failed + " applies on " + cluster);
    }
  }

  @Override
  public void close() {
    perCluster.close();
  }
}
