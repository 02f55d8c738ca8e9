package io.fleetgate.events;

import io.fleetgate.apply.ObjectResult;
import io.fleetgate.argocd.drive.Delivery;
import io.fleetgate.policy.GateResult;
import io.fleetgate.sync.ClusterOutcome;
import io.fleetgate.sync.SyncReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a sync did into events: per cluster, its outcome, changed objects and findings. */
public final class SyncEvents {

  /** At most this many object events per cluster and sync; a summary says how many there were. */
  static final int MAX_OBJECT_EVENTS = 200;

  private final EventLog log;

  public SyncEvents(EventLog log) {
    this.log = log;
  }

  /**
   * One bundle delivered through Argo CD: {@code argocd.synced}, with the source commit it belongs
   * to, the Application, the rendered commit, how the operation ended, and Argo CD's sync status
   * and health afterwards.
   */
  public void delivered(Delivery delivery) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("cluster", delivery.cluster().name());
    data.put("commit", delivery.sourceCommit());
    data.put("bundle", delivery.bundle());
    data.put("application", delivery.application());
    data.put("renderedCommit", delivery.renderedCommit());
    data.put("operation", delivery.phase().name());
    data.put("synced", delivery.synced());
    data.put("failed", delivery.failed());
    data.put("sync", delivery.sync().name());
    data.put("health", delivery.health().name());
    log.publish("argocd.synced", data);
  }

  public void started() {
    log.publish("sync.started", Map.of());
  }

  public void finished(SyncReport report) {
    for (ClusterOutcome outcome : report.outcomes()) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("cluster", outcome.cluster());
      data.put("outcome", outcome.word());
      data.put("commit", report.revision().commit());
      data.put("health", health(outcome));
      boolean reachable = !(outcome instanceof ClusterOutcome.Unreachable);
      log.publish(
          "cluster.reachability", Map.of("cluster", outcome.cluster(), "reachable", reachable));
      objects(outcome);
      findings(outcome);
      log.publish("sync.finished", data);
    }
  }

  /** How many synced objects are healthy, progressing or degraded ({} when nothing was synced). */
  private static Map<String, Object> health(ClusterOutcome outcome) {
    var report = outcome.report().orElse(null);
    Map<String, Object> counts = new LinkedHashMap<>();
    if (report != null) {
      for (var h : report.health()) {
        counts.merge(
            h.health().status().name().toLowerCase(java.util.Locale.ROOT),
            1,
            (a, b) -> (int) a + (int) b);
      }
    }
    return counts;
  }

  private void objects(ClusterOutcome outcome) {
    var report = outcome.report().orElse(null);
    if (report == null) {
      return;
    }
    int sent = 0;
    for (ObjectResult result : report.results()) {
      if (result.action() == ObjectResult.Action.UNCHANGED) {
        continue;
      }
      String action = result.action().word();
      if (sent++ == MAX_OBJECT_EVENTS) {
        break;
      }
      String type =
          result.action() == ObjectResult.Action.DRIFTED
                  || result.action() == ObjectResult.Action.HEALED
              ? "drift"
              : "object.applied";
      log.publish(
          type,
          Map.of(
              "cluster", outcome.cluster(),
              "object", result.ref().toString(),
              "action", action));
    }
  }

  private void findings(ClusterOutcome outcome) {
    GateResult gate = outcome.gate().orElse(null);
    if (gate == null) {
      return;
    }
    for (GateResult.Verdict verdict : gate.verdicts()) {
      publishFindings(outcome.cluster(), verdict, verdict.decision().denials(), "denied");
      publishFindings(outcome.cluster(), verdict, verdict.decision().warnings(), "warned");
    }
  }

  private void publishFindings(
      String cluster,
      GateResult.Verdict verdict,
      List<io.fleetgate.policy.Finding> found,
      String decision) {
    for (var finding : found) {
      log.publish(
          "finding",
          Map.of(
              "cluster", cluster,
              "object", verdict.object().ref().toString(),
              "source", verdict.object().source().toString(),
              "policy", finding.policy(),
              "decision", decision,
              "message", finding.message()));
    }
  }
}
