package io.fleetgate.bench;

import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.kube.KubeClusterWriters;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.sync.DirectApply;
import io.fleetgate.sync.SyncReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The only place the benchmarks touch the sync engine's internals (the plan and apply phases and
 * the outcome types), so that a change there is adapted here once. Everything else goes through
 * {@code SyncSetup}, {@code PlatformServer}, {@link SyncReport#converged()}, the HTTP API and the
 * clusters.
 */
final class EngineSeam {

  /** Requests Fleetgate's applier keeps in flight per cluster; baselines use the same. */
  static final int APPLY_PARALLELISM = KubeClusterWriters.PARALLELISM;

  private EngineSeam() {}

  /**
   * Fails unless every targeted cluster converged (none denied, stalled or failed, no drift).
   *
   * @param what names the sync in the message, e.g. "the initial sync"
   */
  static void requireConverged(SyncReport report, String what) {
    if (!report.converged()) {
      throw new IllegalStateException(
          what + " did not converge: " + describe(report) + " " + report.outcomes());
    }
  }

  /** {@code cluster=word} per cluster, with problems and staleness, for messages. */
  static String describe(SyncReport report) {
    String outcomes =
        report.outcomes().stream()
            .map(outcome -> outcome.cluster() + "=" + outcome.word())
            .collect(Collectors.joining(", "));
    return "["
        + outcomes
        + (report.problems().isEmpty() ? "" : "; problems " + report.problems())
        + (report.stale() ? "; stale: " + report.staleReason() : "")
        + "]";
  }

  /** Words of the outcomes that count as converged in the platform's events and API. */
  static boolean convergedWord(String word) {
    return "synced".equals(word);
  }

  /**
   * The objects exactly as Fleetgate's applier sends them to a cluster — its bundle label, source
   * and content-hash annotations added, the namespace of namespaced kinds defaulted — so that a
   * baseline writes the same bodies and the difference is the engine's, not the server's.
   */
  static List<java.util.Map<String, Object>> bodiesAsSent(List<RenderedObject> objects) {
    java.util.Map<io.fleetgate.plan.GroupKind, io.fleetgate.plan.KindScope> namespaced =
        objects.stream()
            .map(object -> io.fleetgate.plan.GroupKind.of(object.ref()))
            .distinct()
            .collect(
                Collectors.toMap(kind -> kind, kind -> io.fleetgate.plan.KindScope.NAMESPACED));
    return objects.stream()
        .map(object -> io.fleetgate.plan.DesiredObjects.of(object, namespaced).content())
        .toList();
  }

  /**
   * Applies the objects to one cluster with Fleetgate's applier (discovery, labels, content hashes,
   * inventory records) and fails unless every one was applied.
   */
  static void applyDirectly(
      ClusterApi api, Inventory inventory, String cluster, List<RenderedObject> objects) {
    ApplyReport report =
        DirectApply.apply(
            KubeClusterWriters.over(api, cluster), inventory, cluster, "bench", objects);
    long applied = report.count(ObjectResult.Action.APPLIED);
    if (applied != objects.size()) {
      throw new IllegalStateException(
          "Fleetgate applied "
              + applied
              + " of "
              + objects.size()
              + " objects to "
              + cluster
              + "; failures: "
              + report.failures());
    }
  }
}
