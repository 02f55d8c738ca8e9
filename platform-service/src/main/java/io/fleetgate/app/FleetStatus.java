package io.fleetgate.app;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.FleetView;
import io.fleetgate.api.PlatformApi.ClusterDetail;
import io.fleetgate.api.PlatformApi.ClusterPlanView;
import io.fleetgate.api.PlatformApi.ClusterState;
import io.fleetgate.api.PlatformApi.ObjectChange;
import io.fleetgate.api.PlatformApi.ObjectEventView;
import io.fleetgate.api.PlatformApi.ObjectHealthView;
import io.fleetgate.api.PlatformApi.PlannedObject;
import io.fleetgate.store.SyncRuns;
import io.fleetgate.store.sqlite.SqliteStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The fleet as the API shows it: each cluster's latest result, details and plan. */
final class FleetStatus {

  /** How long a fleet probe answers every client before the clusters are probed again. */
  static final java.time.Duration SNAPSHOT_TTL = java.time.Duration.ofSeconds(2);

  private final SqliteStore store;
  private final FleetView fleet;
  private final ServedPlatform.Planner planner;
  private final Clock clock;
  private volatile io.fleetgate.api.FleetSnapshot snapshot;
  private final java.util.concurrent.atomic.AtomicBoolean probing =
      new java.util.concurrent.atomic.AtomicBoolean();

  FleetStatus(SqliteStore store, FleetView fleet, ServedPlatform.Planner planner, Clock clock) {
    this.store = store;
    this.fleet = fleet;
    this.planner = planner;
    this.clock = clock;
  }

  List<ClusterState> clusters() {
    Map<String, SyncRuns.ClusterResult> results = new java.util.HashMap<>();
    store.latestResults().forEach(r -> results.put(r.cluster(), r));
    // Results are keyed by namespace/name of the cluster's Cluster API object.
    String commit = store.latestRun().map(SyncRuns.Run::commit).orElse("");
    List<ClusterState> states = new ArrayList<>();
    for (ClusterSummary cluster : snapshot().clusters()) {
      SyncRuns.ClusterResult result = results.get(key(cluster));
      states.add(
          result == null
              ? new ClusterState(cluster, "never", "", 0, 0, 0, 0, 0, 0, "")
              : state(cluster, result, commit));
    }
    return states;
  }

  private ClusterState state(ClusterSummary cluster, SyncRuns.ClusterResult result, String commit) {
    int violations = 0;
    int drifted = 0;
    for (SyncRuns.ObjectRecord record : store.latestObjects(key(cluster))) {
      switch (record.action()) {
        case "denied", "invalid" -> violations++;
        case "drifted" -> drifted++;
        default -> {}
      }
    }
    return new ClusterState(
        cluster,
        result.outcome(),
        commit,
        result.applied(),
        result.unchanged(),
        result.pruned(),
        result.failed(),
        violations,
        drifted,
        result.detail());
  }

  /**
   * The fleet as probed recently: once a probe older than {@link #SNAPSHOT_TTL} is asked for, it is
   * still answered while one background probe replaces it, so many clients polling the API cost one
   * probe of each cluster and never wait for one (except the very first).
   */
  io.fleetgate.api.FleetSnapshot snapshot() {
    io.fleetgate.api.FleetSnapshot known = snapshot;
    if (known == null) {
      synchronized (this) {
        if (snapshot == null) {
          snapshot = fleet.snapshot();
        }
        return snapshot;
      }
    }
    if (known.takenAt().plus(SNAPSHOT_TTL).isBefore(clock.instant())
        && probing.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .name("fleetgate-fleet-probe")
          .start(
              () -> {
                try {
                  snapshot = fleet.snapshot();
                } finally {
                  probing.set(false);
                }
              });
    }
    return known;
  }

  private static String key(ClusterSummary cluster) {
    return cluster.namespace() + "/" + cluster.name();
  }

  Optional<ClusterDetail> cluster(String name) {
    return clusters().stream()
        .filter(s -> s.cluster().name().equals(name))
        .findFirst()
        .map(
            state -> {
              String key = key(state.cluster());
              SyncRuns.Observed observed = store.latestObservation(key);
              return new ClusterDetail(
                  state,
                  store.latestObjects(key).stream()
                      .map(
                          o ->
                              new ObjectChange(
                                  o.object(), o.bundle(), o.source(), o.action(), o.detail()))
                      .toList(),
                  observed.health().stream()
                      .map(
                          h ->
                              new ObjectHealthView(
                                  h.object(),
                                  h.source(),
                                  h.status().toUpperCase(Locale.ROOT),
                                  h.message()))
                      .toList(),
                  observed.events().stream()
                      .map(e -> new ObjectEventView(e.object(), e.reason(), e.message(), e.count()))
                      .toList());
            });
  }

  ClusterPlanView plan(String cluster) throws Exception {
    var plans = planner.plan(cluster);
    var plan =
        plans.stream()
            .filter(p -> p.cluster().equals(cluster))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no cluster named '" + cluster + "'"));
    List<PlannedObject> objects = new ArrayList<>();
    for (var verdict : plan.gate().denials()) {
      objects.add(
          new PlannedObject(
              verdict.object().ref().toString(),
              verdict.object().bundle(),
              verdict.object().source().toString(),
              "denied",
              verdict.decision().denials().stream().map(Object::toString).toList()));
    }
    for (var change : plan.changes()) {
      objects.add(
          new PlannedObject(
              change.ref().toString(),
              change.bundle(),
              change.source(),
              change.change().name().toLowerCase(Locale.ROOT),
              change.diff()));
    }
    return new ClusterPlanView(
        cluster,
        store.latestRun().map(SyncRuns.Run::commit).orElse(""),
        plan.problems().stream().map(Object::toString).toList(),
        plan.unreachable(),
        objects);
  }
}
