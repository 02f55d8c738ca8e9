package io.fleetgate.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What people ask of a rollout — start, pause, resume, approve a wave, roll back — as transitions
 * of its state, each accepted with the event to record or refused with the reason.
 */
public final class RolloutCommands {

  private RolloutCommands() {}

  /** A command's outcome. */
  public sealed interface Outcome {
    record Accepted(RolloutState state, RolloutEvent event) implements Outcome {}

    record Refused(String reason) implements Outcome {}
  }

  public static Outcome start(RolloutState state, String by, Instant now) {
    if (state.phase() != RolloutPhase.PENDING) {
      return refused(state, "started already");
    }
    return accepted(
        state.with(RolloutPhase.RUNNING, "", now), RolloutEvent.Kind.STARTED, "", "by " + by);
  }

  public static Outcome pause(RolloutState state, String by, Instant now) {
    if (state.phase() != RolloutPhase.RUNNING) {
      return refused(state, "not running");
    }
    return accepted(
        state.with(RolloutPhase.PAUSED, "paused by " + by, now),
        RolloutEvent.Kind.PAUSED,
        "",
        "by " + by);
  }

  /**
   * Resumes a paused rollout, or a halted one once what failed is fixed; never one whose roll back
   * halted (it may only be rolled back again).
   */
  public static Outcome resume(RolloutState state, String by, Instant now) {
    if (state.phase() == RolloutPhase.ROLLBACK_HALTED) {
      return refused(
          state,
          "its roll back could not finish; fix the cause and roll back again, never forward");
    }
    if (state.phase() != RolloutPhase.PAUSED && state.phase() != RolloutPhase.HALTED) {
      return refused(state, "neither paused nor halted");
    }
    return accepted(
        state.with(RolloutPhase.RUNNING, "", now), RolloutEvent.Kind.RESUMED, "", "by " + by);
  }

  /**
   * Approves a wave for the group of its approval gate, when the person belongs to it.
   *
   * @param groups the groups the person belongs to, as the platform's tokens say
   */
  public static Outcome approve(
      PatchRollout rollout,
      RolloutState state,
      String wave,
      String by,
      Set<String> groups,
      Instant now) {
    Wave target =
        rollout.waves().stream().filter(w -> w.name().equals(wave)).findFirst().orElse(null);
    if (target == null) {
      return new Outcome.Refused(
          "rollout "
              + rollout.name()
              + " has no wave '"
              + wave
              + "'; its waves: "
              + String.join(", ", rollout.waves().stream().map(Wave::name).toList()));
    }
    if (state.phase() == RolloutPhase.COMPLETED
        || state.phase() == RolloutPhase.ROLLED_BACK
        || state.phase() == RolloutPhase.ROLLBACK_HALTED
        || state.phase() == RolloutPhase.ROLLING_BACK) {
      return refused(state, "over");
    }
    List<Gate.Approval> gates =
        target.gates().stream()
            .filter(Gate.Approval.class::isInstance)
            .map(Gate.Approval.class::cast)
            .toList();
    if (gates.isEmpty()) {
      return new Outcome.Refused("wave '" + wave + "' needs no approval");
    }
    for (Gate.Approval gate : gates) {
      if (!groups.contains(gate.group())) {
        continue;
      }
      boolean already =
          state.approvals().stream()
              .anyMatch(a -> a.wave().equals(wave) && a.group().equals(gate.group()));
      if (already) {
        return new Outcome.Refused(
            "wave '" + wave + "' is approved for " + gate.group() + " already");
      }
      return new Outcome.Accepted(
          state.approved(new RolloutState.Approval(wave, by, gate.group(), now)),
          new RolloutEvent(
              RolloutEvent.Kind.APPROVED, wave, "", "by " + by + " for " + gate.group()));
    }
    return new Outcome.Refused(
        by
            + " may not approve wave '"
            + wave
            + "': it needs a member of "
            + String.join(" or ", gates.stream().map(Gate.Approval::group).toList()));
  }

  /**
   * Starts putting every cluster the rollout reached back on its version from before; also again
   * after a roll back that halted (ROLLBACK_HALTED), once its cause is fixed.
   */
  public static Outcome rollBack(RolloutState state, String by, Instant now) {
    switch (state.phase()) {
      case PENDING -> {
        return refused(state, "not started");
      }
      case ROLLING_BACK -> {
        return refused(state, "rolling back already");
      }
      case ROLLED_BACK -> {
        return refused(state, "rolled back already");
      }
      default -> {
        // Running, paused, halted, completed or a halted roll back: roll back.
      }
    }
    return accepted(
        state.with(RolloutPhase.ROLLING_BACK, "rolled back by " + by, now),
        RolloutEvent.Kind.ROLLING_BACK,
        "",
        "by " + by);
  }

  /**
   * Halts a running or paused rollout for a reason found outside the engine: its target changed in
   * the config repository while it ran, say. Only someone can resume it.
   */
  public static Outcome halt(RolloutState state, String why, Instant now) {
    if (state.phase() != RolloutPhase.RUNNING && state.phase() != RolloutPhase.PAUSED) {
      return refused(state, "neither running nor paused");
    }
    return accepted(state.with(RolloutPhase.HALTED, why, now), RolloutEvent.Kind.HALTED, "", why);
  }

  private static Outcome accepted(
      RolloutState state, RolloutEvent.Kind kind, String wave, String message) {
    return new Outcome.Accepted(state, new RolloutEvent(kind, wave, "", message));
  }

  private static Outcome refused(RolloutState state, String why) {
    return new Outcome.Refused(
        "rollout "
            + state.rollout()
            + " is "
            + state.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + ": "
            + why);
  }
}
