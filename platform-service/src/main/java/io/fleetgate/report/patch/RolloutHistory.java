package io.fleetgate.report.patch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the audit log records of one patch rollout within a report's period.
 *
 * @param started when it was started, or null when that was before the period
 * @param startedBy who started it ("" when unknown)
 * @param state where its last row in the period leaves it
 * @param waves the waves that moved, in the order they started
 * @param clusters the clusters it reached, in the order it reached them
 * @param interruptions halts, pauses, resumes and roll backs, oldest first
 * @param steps every row, oldest first
 */
public record RolloutHistory(
    String rollout,
    Instant started,
    String startedBy,
    State state,
    Instant lastStep,
    List<WaveSpan> waves,
    List<ClusterSpan> clusters,
    List<Approval> approvals,
    List<Interruption> interruptions,
    List<Step> steps) {

  public RolloutHistory {
    waves = List.copyOf(waves);
    clusters = List.copyOf(clusters);
    approvals = List.copyOf(approvals);
    interruptions = List.copyOf(interruptions);
    steps = List.copyOf(steps);
  }

  /** Where a rollout stands after its last row in the period. */
  public enum State {
    RUNNING,
    PAUSED,
    HALTED,
    ROLLING_BACK,
    ROLLED_BACK,
    COMPLETED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * @param started null when it started before the period
   * @param done null while not done
   * @param holds the distinct reasons it was held for, oldest first
   */
  public record WaveSpan(String wave, Instant started, Instant done, List<String> holds) {
    public WaveSpan {
      holds = List.copyOf(holds);
    }

    /** From start to done, or null when either is not in the period. */
    public Duration took() {
      return started == null || done == null ? null : Duration.between(started, done);
    }
  }

  /** What happened to a cluster last. */
  public enum ClusterOutcome {
    PATCHING,
    DONE,
    FAILED,
    RESTORING,
    RESTORED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param change what it was patched to and from, as the rollout recorded it
   * @param patched when patching began, or null when before the period
   * @param settled when it was done or failed, or null
   * @param restored when its roll back finished, or null
   * @param detail the last row's message: node count, failure or version restored
   */
  public record ClusterSpan(
      String cluster,
      String wave,
      String change,
      ClusterOutcome outcome,
      Instant patched,
      Instant settled,
      Instant restored,
      String detail) {

    /** From patching to done or failed, or null when either is not in the period. */
    public Duration took() {
      return patched == null || settled == null ? null : Duration.between(patched, settled);
    }
  }

  /** A wave approved by a member of its approval gate's group. */
  public record Approval(Instant at, String wave, String by, String group) {}

  /**
   * @param kind halted, paused, resumed, rolling_back or rolled_back
   * @param reason as recorded: who, or why
   */
  public record Interruption(Instant at, String kind, String wave, String reason) {}

  /** One audit row, its event in one word. */
  public record Step(Instant at, String event, String wave, String cluster, String message) {}
}
