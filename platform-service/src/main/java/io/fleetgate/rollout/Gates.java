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

  /** Before the wave starts: every gate must be open. */
  static List<GateAnswer> start(
      WavePlan.Planned wave,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource source,
      Instant now) {
    List<GateAnswer> answers = new ArrayList<>();
    for (Gate gate : wave.wave().gates()) {
      answers.add(
          switch (gate) {
            case Gate.Healthy h -> healthy(h, wave, progress, false);
            case Gate.InWindow w -> window(w, now);
            case Gate.Approval a -> approval(a, wave, state);
            case Gate.SloBurn b -> source.sloBurn(b, names(wave));
            case Gate.NoPolicyDenials d -> source.policyDenials(names(wave));
          });
    }
    return answers;
  }

  /**
   * While clusters are patched: a window that closes or an approval are not asked again (the
   * clusters started go on; no new one starts while the window is shut); the SLO and the policy
   * are.
   */
  static List<GateAnswer> during(
      WavePlan.Planned wave,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource source,
      Instant now) {
    List<GateAnswer> answers = new ArrayList<>();
    for (Gate gate : wave.wave().gates()) {
      switch (gate) {
        case Gate.InWindow w -> answers.add(window(w, now));
        case Gate.SloBurn b -> answers.add(source.sloBurn(b, names(wave)));
        case Gate.NoPolicyDenials d -> answers.add(source.policyDenials(names(wave)));
        case Gate.Healthy h -> {
          // Judged per cluster as it finishes: every node on the target and Ready.
        }
        case Gate.Approval a -> {
          // Given once, before the wave started.
        }
      }
    }
    return answers;
  }

  /** While the wave soaks: its clusters must stay healthy, the SLO and policy stay open. */
  static List<GateAnswer> soak(
      WavePlan.Planned wave,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource source,
      Instant now) {
    List<GateAnswer> answers = new ArrayList<>();
    for (Gate gate : wave.wave().gates()) {
      switch (gate) {
        case Gate.Healthy h -> answers.add(healthy(h, wave, progress, true));
        case Gate.SloBurn b -> answers.add(source.sloBurn(b, names(wave)));
        case Gate.NoPolicyDenials d -> answers.add(source.policyDenials(names(wave)));
        case Gate.InWindow w -> {
          // Soaking is watching, not changing: it needs no window.
        }
        case Gate.Approval a -> {
          // Given once, before the wave started.
        }
      }
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
