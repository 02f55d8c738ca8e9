package io.fleetgate.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the platform answers to its clients — the HTTP API, and through it the console and
 * automation. Implementations may block on the network and the database.
 */
public interface PlatformApi {

  /** Every workload cluster with its probe and its latest sync result. */
  List<ClusterState> clusters();

  Optional<ClusterDetail> cluster(String name);

  /**
   * Argo CD's view of a cluster's Applications, read now: {@link ArgoCdStatus.State#NOT_DRIVEN}
   * when the platform writes with its own engine; empty when there is no such cluster.
   */
  Optional<ArgoCdStatus.Report> argoCd(String cluster);

  /**
   * Plans a sync of one cluster against its live objects (waits for a sync in progress).
   *
   * @throws IllegalArgumentException when there is no such cluster
   */
  ClusterPlanView plan(String cluster) throws Exception;

  /**
   * A cluster's NetworkPolicy reachability: its configuration at {@code revision} (null: the
   * revision its latest sync applied), rendered for it and analysed.
   *
   * @throws Reachability.RefusedException for an unknown cluster or revision, unreadable
   *     configuration, or when too many analyses are running
   */
  Reachability.Report reachability(String cluster, String revision);

  /**
   * Why {@code src} may or may not reach {@code dst} on a cluster at a revision (null: synced).
   *
   * @throws Reachability.RefusedException as {@link #reachability}, and for an unknown endpoint
   */
  Reachability.ExplanationView explainReachability(
      String cluster, String revision, String src, String dst);

  /**
   * The connections opened and closed on a cluster between two revisions, at most {@code limit}
   * changes.
   *
   * @throws Reachability.RefusedException as {@link #reachability}
   */
  Reachability.DiffView reachabilityDiff(String cluster, String from, String to, int limit);

  /** Every SLO's figures on each cluster that judges it, read within the last 30 seconds. */
  SloStatus.Report slos();

  /**
   * An SLO's snapshots between two times on one cluster (null: every cluster), at most {@code
   * points} per cluster.
   */
  SloStatus.History sloHistory(
      String service, String slo, String cluster, Instant from, Instant to, int points);

  /** Every patch rollout of the synced revision, with its waves, clusters and gates now. */
  RolloutStatus.Board rollouts();

  /**
   * Runs a command on a rollout as {@code user}, a member of {@code groups} (approvals are checked
   * against them).
   *
   * @throws RolloutStatus.RefusedException for an unknown rollout or a command refused, with why
   */
  RolloutStatus.CommandResult rolloutCommand(
      String rollout, RolloutStatus.Command command, String user, List<String> groups);

  /**
   * As {@link #rolloutCommand}; an approval names the wave approved, and is refused unless it is
   * the current one.
   */
  default RolloutStatus.CommandResult rolloutCommand(
      String rollout,
      RolloutStatus.Command command,
      Optional<String> wave,
      String user,
      List<String> groups) {
    return rolloutCommand(rollout, command, user, groups);
  }

  /**
   * The fleet's patch matrix against a target ({@code null} parts: not judged), or against a
   * rollout's target when {@code rollout} names one.
   *
   * @throws RolloutStatus.RefusedException for an unknown rollout
   */
  RolloutStatus.Matrix patchMatrix(
      String rollout, String kubernetesVersion, String kernelVersion, String osImage);

  /** The latest sync of the fleet. */
  Optional<RunView> latestRun();

  /** Policy findings recorded from {@code since}, newest first, at most {@code limit}. */
  List<FindingView> findings(Instant since, String cluster, String control, int limit);

  /** Audit rows after a sequence number, oldest first. */
  List<AuditRow> audit(long afterSequence, int limit);

  ChainView verifyAudit();

  /** Asks for a sync as soon as possible. */
  void refresh(String reason);

  /** The revisions the platform fetched, newest first. */
  List<RevisionView> revisions(int limit);

  /** The bundles of the fleet as the latest sync read them, with the clusters each selects. */
  List<BundleView> bundles();

  /**
   * The waivers in the repository as the latest sync read them, with whether each applies today.
   */
  List<WaiverView> waivers();

  /** The repository the platform syncs, as configured (for matching webhooks). */
  String repository();

  /**
   * Generates an audit report into the platform's report directory.
   *
   * @throws IllegalArgumentException for a bad request (format, range)
   */
  ReportFile generateReport(ReportRequest request) throws IOException;

  Optional<ReportFile> report(String id);

  /**
   * One cluster, for lists.
   *
   * @param outcome the latest sync's word (synced, denied, stalled, failed) or "never"
   * @param violations denials and repository problems that held back its latest sync
   * @param drifted objects its latest sync found changed in the cluster and left (not self-healed)
   */
  record ClusterState(
      ClusterSummary cluster,
      String outcome,
      String commit,
      int applied,
      int unchanged,
      int pruned,
      int failed,
      int violations,
      int drifted,
      String detail) {}

  /**
   * One cluster: what its latest sync changed, the health of its synced objects and the Warning
   * events the cluster recorded about them (health and events since this platform started).
   */
  record ClusterDetail(
      ClusterState state,
      List<ObjectChange> objects,
      List<ObjectHealthView> health,
      List<ObjectEventView> events) {}

  record ObjectHealthView(String object, String source, String status, String message) {}

  record ObjectEventView(String object, String reason, String message, int count) {}

  /**
   * What a sync would do to one cluster now, object by object, found by asking its API server
   * without changing anything.
   *
   * @param problems why the repository does not render for it; nothing else is planned then
   * @param unreachable why the cluster could not be asked, or ""
   */
  record ClusterPlanView(
      String cluster,
      String commit,
      List<String> problems,
      String unreachable,
      List<PlannedObject> objects) {}

  /**
   * @param change create, update, unchanged, prune, keep_protected, invalid, or denied
   * @param diff {@code path: live → desired} lines for updates
   */
  record PlannedObject(
      String object, String bundle, String source, String change, List<String> diff) {}

  record ObjectChange(String object, String bundle, String source, String action, String detail) {}

  record RunView(
      long id,
      String started,
      String finished,
      String commit,
      boolean stale,
      String source,
      List<ClusterResultView> clusters) {}

  record ClusterResultView(
      String cluster,
      String outcome,
      int applied,
      int unchanged,
      int pruned,
      int failed,
      String detail) {}

  record FindingView(
      Instant time,
      String commit,
      String author,
      String cluster,
      String object,
      String source,
      String policy,
      List<String> controls,
      String severity,
      String decision,
      String message) {}

  record AuditRow(
      long sequence,
      Instant time,
      String kind,
      String cluster,
      String bundle,
      String commit,
      String object,
      String decision,
      String detail,
      String hash) {}

  record RevisionView(String commit, String author, Instant time, String message) {}

  /**
   * @param selector the cluster selector, e.g. {@code tier=payments, env in (prod, staging)}
   */
  record BundleView(
      String name,
      String path,
      String selector,
      List<String> namespaces,
      boolean prune,
      boolean selfHeal,
      boolean force,
      List<String> clusters) {}

  record WaiverView(
      String policy,
      String object,
      List<String> clusters,
      String owner,
      String reason,
      String expires,
      boolean active,
      String declaredAt) {}

  record ChainView(boolean intact, long rows, String head, long brokenAt, String reason) {}

  /**
   * @param format html, pdf, json, sarif, junit or openreports
   */
  /**
   * @param patchTargetRollout judge the report's patch matrix against this rollout's target
   * @param patchKubernetesVersion or against these versions (each optional; null for none)
   */
  record ReportRequest(
      String format,
      Instant from,
      Instant to,
      String cluster,
      String control,
      String patchTargetRollout,
      String patchKubernetesVersion,
      String patchKernel,
      String patchOsImage) {

    /** A request that judges the patch matrix against no target. */
    public ReportRequest(String format, Instant from, Instant to, String cluster, String control) {
      this(format, from, to, cluster, control, null, null, null, null);
    }
  }

  record ReportFile(
      String id, String format, Path file, long bytes, long findings, boolean chainIntact) {}
}
