package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.api.RolloutStatus.Command;
import io.fleetgate.api.RolloutStatus.Phase;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which commands make sense for a rollout where it stands, so the board offers only those. The
 * platform still decides: a command it refuses (a rollout changed since it was read, a person not
 * in the approving group) comes back with its reason, and the board shows it.
 */
final class CommandsAllowed {

  private CommandsAllowed() {}

  static Set<Command> of(RolloutStatus.RolloutView rollout) {
    if (rollout == null) {
      return Set.of();
    }
    Set<Command> allowed = EnumSet.noneOf(Command.class);
    Phase phase = rollout.phase();
    if (phase == Phase.PENDING) {
      allowed.add(Command.START);
    }
    if (phase == Phase.RUNNING) {
      allowed.add(Command.PAUSE);
    }
    if (phase == Phase.PAUSED || phase == Phase.HALTED) {
      allowed.add(Command.RESUME);
    }
    if (awaitsApproval(rollout)) {
      allowed.add(Command.APPROVE);
    }
    if (phase != Phase.PENDING && phase != Phase.ROLLING_BACK && phase != Phase.ROLLED_BACK) {
      allowed.add(Command.ROLLBACK);
    }
    return allowed;
  }

  /** Its current wave has an approval gate that is not open, and the rollout is not over. */
  private static boolean awaitsApproval(RolloutStatus.RolloutView rollout) {
    Phase phase = rollout.phase();
    if (phase == Phase.COMPLETED
        || phase == Phase.ROLLED_BACK
        || phase == Phase.ROLLBACK_HALTED
        || phase == Phase.ROLLING_BACK) {
      return false;
    }
    if (rollout.wave() < 0 || rollout.wave() >= rollout.waves().size()) {
      return false;
    }
    return rollout.waves().get(rollout.wave()).gates().stream()
        .anyMatch(g -> g.kind().equals("approval") && g.answer() != RolloutStatus.GateAnswer.OPEN);
  }
}
