package io.fleetgate.store;

import java.util.List;
import java.util.Optional;

/** Sync runs and their per-cluster results, and the last-known-good commit of each source. */
public interface SyncRuns {

  /** Opens a run; returns its id. */
  long start(String commit, boolean stale, String source);

  /**
   * Records one cluster's result in a run.
   *
   * <p>Clusters are named by their key, {@code namespace/name} of their Cluster API object, in
   * every record.
   */
  void recordCluster(long runId, ClusterResult result);

  void finish(long runId);

  /** Records what happened to objects of one cluster in a run (changes, not unchanged objects). */
  void recordObjects(long runId, String cluster, List<ObjectRecord> objects);

  /** Records the health and Warning events observed after the cluster's sync in a run. */
  void recordObservation(long runId, String cluster, Observed observed);

  /** What was observed after the cluster's latest sync that observed anything. */
  Observed latestObservation(String cluster);

  /**
   * The health of observed objects and the Warning events about them.
   *
   * @param health one per observed object
   * @param events one per Warning event
   */
  record Observed(List<HealthRecord> health, List<EventRecord> events) {
    public Observed {
      health = List.copyOf(health);
      events = List.copyOf(events);
    }
  }

  /**
   * @param status healthy, progressing, degraded or unknown
   */
  record HealthRecord(String object, String source, String status, String message) {}

  record EventRecord(String object, String reason, String message, int count) {}

  /** The object records of the cluster's latest run that has any. */
  List<ObjectRecord> latestObjects(String cluster);

  /**
   * @param action one word: applied, pruned, protected, failed, drifted, healed
   * @param detail the server's message, the drift, or ""
   */
  record ObjectRecord(String object, String bundle, String source, String action, String detail) {}

  /** The fingerprint of the cluster's latest recorded policy decisions, if any. */
  Optional<String> policyFingerprint(String cluster);

  void recordPolicyFingerprint(String cluster, String fingerprint);

  /**
   * Deletes the runs that started before {@code cutoff} with their cluster results, object records,
   * health and events (the audit log is kept whole: it is the evidence).
   *
   * @return how many runs were deleted
   */
  int forgetRunsBefore(java.time.Instant cutoff);

  /** Remembers who made a commit and when (insert once; later calls change nothing). */
  void recordRevision(io.fleetgate.domain.Revision revision);

  /** The last commit of the source that was fetched and applied, if any. */
  Optional<String> lastGoodCommit(String source);

  void recordGoodCommit(String source, String commit);

  /** The most recent run, if any. */
  Optional<Run> latestRun();

  /**
   * One sync of the fleet.
   *
   * @param finished empty while it runs (or when the process died during it)
   */
  record Run(
      long id,
      String started,
      Optional<String> finished,
      String commit,
      boolean stale,
      String source) {}

  /** The latest result of every cluster. */
  List<ClusterResult> latestResults();

  /**
   * @param cluster the cluster's key, {@code namespace/name}
   * @param outcome one word: synced, denied, stalled, unreachable, rejected, waiting
   */
  record ClusterResult(
      String cluster,
      String outcome,
      int applied,
      int unchanged,
      int pruned,
      int failed,
      String detail) {

    /** The cluster's name: its key without the namespace. */
    public String name() {
      return cluster.substring(cluster.indexOf('/') + 1);
    }
  }
}
