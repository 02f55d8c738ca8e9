package io.fleetgate.store;

import java.util.List;
import java.util.Optional;

/** Sync runs and their per-cluster results, and the last-known-good commit of each source. */
public interface SyncRuns {

  /** Opens a run; returns its id. */
  long start(String commit, boolean stale, String source);

  /** Records one cluster's result in a run. */
  void recordCluster(long runId, ClusterResult result);

  void finish(long runId);

  /** Records what happened to objects of one cluster in a run (changes, not unchanged objects). */
  void recordObjects(long runId, String cluster, List<ObjectRecord> objects);

  /** The object records of the cluster's latest run that has any. */
  List<ObjectRecord> latestObjects(String cluster);

  /**
   * @param action one word: applied, pruned, protected, failed, drifted, healed
   * @param detail the server's message, the drift, or ""
   */
  record ObjectRecord(String object, String bundle, String source, String action, String detail) {}

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
   * @param outcome one word: synced, denied, stalled, failed
   */
  record ClusterResult(
      String cluster,
      String outcome,
      int applied,
      int unchanged,
      int pruned,
      int failed,
      String detail) {}
}
