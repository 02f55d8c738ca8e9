package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;

/** What a phase or an answer means at a glance; the views give each tone one colour. */
public enum Tone {
  /** Done, open, completed. */
  GOOD,
  /** Moving: patching, soaking, running. */
  ACTIVE,
  /** Held or paused: waits for a window, an approval, a person. */
  WAITING,
  /** Failed, halted, an SLO burning past its gate. */
  BAD,
  /** Not reached yet, or back where it was. */
  NEUTRAL,
  /** Could not be read. */
  UNKNOWN;

  static Tone of(RolloutStatus.Phase phase) {
    return switch (phase) {
      case PENDING, ROLLED_BACK -> NEUTRAL;
      case RUNNING -> ACTIVE;
      case PAUSED, ROLLING_BACK -> WAITING;
      case HALTED, ROLLBACK_HALTED -> BAD;
      case COMPLETED -> GOOD;
    };
  }

  static Tone of(RolloutStatus.WavePhase phase) {
    return switch (phase) {
      case QUEUED -> NEUTRAL;
      case WAITING -> WAITING;
      case PATCHING, SOAKING -> ACTIVE;
      case DONE -> GOOD;
    };
  }

  static Tone of(RolloutStatus.ClusterPhase phase) {
    return switch (phase) {
      case PENDING, RESTORED -> NEUTRAL;
      case PATCHING -> ACTIVE;
      case RESTORING -> WAITING;
      case DONE -> GOOD;
      case FAILED -> BAD;
    };
  }

  static Tone of(RolloutStatus.GateAnswer answer) {
    return switch (answer) {
      case OPEN -> GOOD;
      case HELD -> WAITING;
      case FAILING -> BAD;
    };
  }
}
