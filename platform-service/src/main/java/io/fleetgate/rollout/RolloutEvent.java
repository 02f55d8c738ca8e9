package io.fleetgate.rollout;

/**
 * One step of a rollout for the audit log: what happened, to which wave and cluster (empty when
 * none), and why.
 */
public record RolloutEvent(Kind kind, String wave, String cluster, String message) {

  /** The closed set of things that happen to a rollout. */
  public enum Kind {
    STARTED,
    WAVE_HELD,
    WAVE_STARTED,
    CLUSTER_PATCHING,
    CLUSTER_DONE,
    CLUSTER_FAILED,
    WAVE_SOAKING,
    WAVE_DONE,
    HALTED,
    PAUSED,
    RESUMED,
    APPROVED,
    ROLLING_BACK,
    CLUSTER_RESTORING,
    CLUSTER_RESTORED,
    ROLLED_BACK,
    COMPLETED
  }
}
