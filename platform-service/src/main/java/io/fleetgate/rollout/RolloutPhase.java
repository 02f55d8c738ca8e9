package io.fleetgate.rollout;

/** Where a rollout as a whole stands. */
public enum RolloutPhase {
  /** Declared, not started. */
  PENDING,
  /** Waves advance as their gates open. */
  RUNNING,
  /** Stopped by someone; clusters being patched finish, no new one starts. */
  PAUSED,
  /** Stopped by a failure under {@link FailurePolicy#HALT}; only someone can resume it. */
  HALTED,
  /** Putting every cluster it reached back on its version from before. */
  ROLLING_BACK,
  /** Every cluster it reached is back on its version from before. */
  ROLLED_BACK,
  /** Every wave is done. */
  COMPLETED;

  /** Whether nothing more happens without someone acting. */
  public boolean settled() {
    return this == PENDING
        || this == PAUSED
        || this == HALTED
        || this == ROLLED_BACK
        || this == COMPLETED;
  }
}
