package io.fleetgate.rollout;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout's progress, as the engine keeps it between steps (and the store between restarts).
 *
 * @param wave the index of the current wave
 * @param waveStatus where the current wave stands
 * @param soakUntil when the current wave's soak ends, while it soaks
 * @param clusters each cluster the rollout reached, by namespace/name
 * @param approvals the approvals given, for any wave
 * @param reason why the rollout or its current wave stands where it does (the gate that holds it,
 *     the failure that halted it), empty when nothing holds it
 */
public record RolloutState(
    String rollout,
    RolloutPhase phase,
    int wave,
    WaveStatus waveStatus,
    Optional<Instant> soakUntil,
    Map<String, ClusterStep> clusters,
    List<Approval> approvals,
    String reason,
    Instant since) {

  public RolloutState {
    clusters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
    approvals = List.copyOf(approvals);
  }

  /** Where the current wave stands. */
  public enum WaveStatus {
    WAITING,
    PATCHING,
    SOAKING,
    DONE
  }

  /** A member of a group approved a wave. */
  public record Approval(String wave, String user, String group, Instant at) {}

  public static RolloutState pending(String rollout, Instant now) {
    return new RolloutState(
        rollout,
        RolloutPhase.PENDING,
        0,
        WaveStatus.WAITING,
        Optional.empty(),
        Map.of(),
        List.of(),
        "",
        now);
  }

  RolloutState with(RolloutPhase next, String why, Instant now) {
    return new RolloutState(
        rollout, next, wave, waveStatus, soakUntil, clusters, approvals, why, now);
  }

  RolloutState wave(int index, WaveStatus status, Optional<Instant> soak, String why) {
    return new RolloutState(rollout, phase, index, status, soak, clusters, approvals, why, since);
  }

  RolloutState cluster(String name, ClusterStep step) {
    Map<String, ClusterStep> next = new LinkedHashMap<>(clusters);
    next.put(name, step);
    return new RolloutState(
        rollout, phase, wave, waveStatus, soakUntil, next, approvals, reason, since);
  }

  RolloutState approved(Approval approval) {
    List<Approval> next = new java.util.ArrayList<>(approvals);
    next.add(approval);
    return new RolloutState(
        rollout, phase, wave, waveStatus, soakUntil, clusters, next, reason, since);
  }

  RolloutState because(String why) {
    return new RolloutState(
        rollout, phase, wave, waveStatus, soakUntil, clusters, approvals, why, since);
  }
}
