package io.fleetgate.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One gate of a wave and what it says now, as a board shows it.
 *
 * @param answer empty when the gate is not asked at the wave's point (an approval once the wave
 *     started, a window while it soaks, health while its clusters are patched: health is judged per
 *     cluster then)
 */
public record GateReport(Gate gate, Optional<GateAnswer> answer) {

  /**
   * The gates of wave {@code index} as the engine would ask them now: a wave not reached yet as
   * before its start, the current wave at its point, a finished wave not at all.
   */
  public static List<GateReport> of(
      WavePlan plan,
      int index,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource source,
      Instant now) {
    WavePlan.Planned wave = plan.waves().get(index);
    boolean pending = state.phase() == RolloutPhase.PENDING;
    if (!pending
        && (index < state.wave()
            || index == state.wave() && state.waveStatus() == RolloutState.WaveStatus.DONE)) {
      return wave.wave().gates().stream()
          .map(g -> new GateReport(g, Optional.<GateAnswer>empty()))
          .toList();
    }
    Gates.Moment moment =
        pending || index > state.wave()
            ? Gates.Moment.START
            : switch (state.waveStatus()) {
              case WAITING, DONE -> Gates.Moment.START;
              case PATCHING -> Gates.Moment.DURING;
              case SOAKING -> Gates.Moment.SOAK;
            };
    return Gates.each(moment, wave, state, progress, source, now);
  }
}
