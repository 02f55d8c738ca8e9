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
  /**
   * A roll back that cannot finish: a cluster's version from before is unknown, or a restore
   * failed. Only rolling back again (once the cause is fixed) is accepted, never resuming forward.
   */
  ROLLBACK_HALTED,
  /** Every cluster it reached is back on its version from before. */
  ROLLED_BACK,
  /** Every wave is done. */
  COMPLETED;

  /** Whether nothing more happens without someone acting. */
  public boolean settled() {
    return this == PENDING
        || this == PAUSED
        || this == HALTED
        || this == ROLLBACK_HALTED
        || this == ROLLED_BACK
        || this == COMPLETED;
  }
}
