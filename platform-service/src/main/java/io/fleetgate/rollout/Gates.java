package io.fleetgate.rollout;

import io.fleetgate.domain.ClusterTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a wave's gates say, at each point of the wave: before it starts, while its clusters are
 * patched, and while it soaks.
 */
final class Gates {

  private Gates() {}

  /** The points of a wave at which its gates are asked. */
  enum Moment {
    /** Before the wave starts: every gate must be open. */
    START,
    /**
     * While its clusters are patched: the window (no new cluster starts while it is shut), the SLO
     * and the policy; health is judged per cluster as it finishes, an approval was given once.
     */
    DURING,
    /** While the wave soaks: health, the SLO and the policy; soaking needs no window. */
    SOAK
  }

  static List<GateAnswer> at(
      Moment moment,
      WavePlan.Planned wave,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource source,
      Instant now) {
    return each(moment, wave, state, progress, source, now).stream()
        .map(GateReport::answer)
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  /** Every gate of the wave with its answer at that moment; empty for a gate not asked then. */
  static List<GateReport> each(
      Moment moment,
      WavePlan.Planned wave,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource source,
      Instant now) {
    List<GateReport> answers = new ArrayList<>();
    for (Gate gate : wave.wave().gates()) {
      GateAnswer answer =
          switch (gate) {
            case Gate.Healthy h ->
                moment == Moment.DURING ? null : healthy(h, wave, progress, moment == Moment.SOAK);
            case Gate.InWindow w -> moment == Moment.SOAK ? null : window(w, now);
            case Gate.Approval a -> moment == Moment.START ? approval(a, wave, state) : null;
            case Gate.SloBurn b -> source.sloBurn(b, names(wave));
            case Gate.NoPolicyDenials d -> source.policyDenials(names(wave));
          };
      answers.add(new GateReport(gate, java.util.Optional.ofNullable(answer)));
    }
    return answers;
  }

  private static List<String> names(WavePlan.Planned wave) {
    return wave.clusters().stream().map(ClusterTarget::qualifiedName).toList();
  }

  /** Held before the wave (nothing has changed yet); failing once the wave changed something. */
  private static GateAnswer healthy(
      Gate.Healthy gate,
      WavePlan.Planned wave,
      Map<String, ClusterProgress> progress,
      boolean changed) {
    for (ClusterTarget cluster : wave.clusters()) {
      ClusterProgress seen = progress.get(cluster.qualifiedName());
      String why =
          seen == null
              ? cluster.name() + " cannot be read"
              : seen.readyPercent() < gate.minReadyPercent()
                  ? cluster.name()
                      + " has "
                      + seen.readyPercent()
                      + " % of its nodes Ready, below "
                      + gate.minReadyPercent()
                      + " %"
                  : null;
      if (why != null) {
        return changed && seen != null ? new GateAnswer.Failing(why) : GateAnswer.held(why);
      }
    }
    return GateAnswer.open();
  }

  private static GateAnswer window(Gate.InWindow gate, Instant now) {
    MaintenanceWindow window = gate.window();
    if (window.isOpen(now)) {
      return GateAnswer.open();
    }
    return new GateAnswer.Held(
        "outside the maintenance window " + window.describe(), window.nextOpening(now));
  }

  private static GateAnswer approval(
      Gate.Approval gate, WavePlan.Planned wave, RolloutState state) {
    boolean given =
        state.approvals().stream()
            .anyMatch(a -> a.wave().equals(wave.wave().name()) && a.group().equals(gate.group()));
    return given
        ? GateAnswer.open()
        : GateAnswer.held("waiting for approval by a member of " + gate.group());
  }
}
