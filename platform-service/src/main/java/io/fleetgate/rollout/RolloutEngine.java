package io.fleetgate.rollout;

import io.fleetgate.domain.ClusterTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a rollout: from its state, what its clusters show now and what the gates say, the
 * next state, what to do to which cluster, and what to record. Pure: the caller reads the clusters,
 * runs the actions, keeps the state and records the events; a step taken twice on the same
 * observations asks for nothing twice.
 *
 * <p>A wave waits until every gate is open (a closed maintenance window, a missing approval, an
 * unknown SLO or policy answer: it waits, failing closed), then patches its clusters, at most
 * {@code maxParallel} at a time, starting none while a gate is closed. A cluster is done when every
 * node is on the target and Ready; a failure reported by a cluster, or a gate failing (an SLO
 * burning, a denial, nodes not Ready while it soaks), fails the wave, and the rollout halts or
 * rolls back as its spec says. {@link ClusterProgress#upToDate} counts nodes on the version the
 * cluster is being brought to: the target, or while rolling back its version from before.
 */
public final class RolloutEngine {

  private RolloutEngine() {}

  /** The outcome of a step. */
  public record Step(RolloutState state, List<RolloutAction> actions, List<RolloutEvent> events) {}

  public static Step step(
      WavePlan plan,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource gates,
      Instant now) {
    return step(plan, state, progress, gates, now, Map.of());
  }

  /**
   * @param elsewhere clusters another rollout in motion is changing, with its name: none of them is
   *     started here, so that two rollouts never take turns declaring a cluster's levels (and
   *     neither records the other's target as the version from before)
   */
  public static Step step(
      WavePlan plan,
      RolloutState state,
      Map<String, ClusterProgress> progress,
      GateSource gates,
      Instant now,
      Map<String, String> elsewhere) {
    Work work = new Work(plan, state, progress, gates, now, elsewhere);
    switch (state.phase()) {
      case RUNNING -> work.run();
      case PAUSED -> work.finishInFlight();
      case ROLLING_BACK -> work.rollBack();
      default -> {
        // Settled: nothing happens until someone acts.
      }
    }
    return new Step(work.state, List.copyOf(work.actions), List.copyOf(work.events));
  }

  /** One step's working state. */
  private static final class Work {
    final WavePlan plan;
    final Map<String, ClusterProgress> progress;
    final GateSource gates;
    final Instant now;
    final Map<String, String> elsewhere;
    RolloutState state;
    final List<RolloutAction> actions = new ArrayList<>();
    final List<RolloutEvent> events = new ArrayList<>();

    Work(
        WavePlan plan,
        RolloutState state,
        Map<String, ClusterProgress> progress,
        GateSource gates,
        Instant now,
        Map<String, String> elsewhere) {
      this.elsewhere = elsewhere;
      this.plan = plan;
      this.state = state;
      this.progress = progress;
      this.gates = gates;
      this.now = now;
    }

    WavePlan.Planned current() {
      return plan.waves().get(state.wave());
    }

    List<String> clusters(WavePlan.Planned wave) {
      return wave.clusters().stream().map(ClusterTarget::qualifiedName).toList();
    }

    void event(RolloutEvent.Kind kind, String cluster, String message) {
      String wave =
          state.wave() < plan.waves().size() ? plan.waves().get(state.wave()).wave().name() : "";
      events.add(new RolloutEvent(kind, wave, cluster, message));
    }

    void run() {
      // A wave that finishes in this step lets the next one start in it too, gates permitting.
      for (int guard = 0;
          guard <= plan.waves().size() && state.phase() == RolloutPhase.RUNNING;
          guard++) {
        int wave = state.wave();
        switch (state.waveStatus()) {
          case WAITING -> waiting();
          case PATCHING -> patching();
          case SOAKING -> soaking();
          case DONE -> advance();
        }
        if (state.wave() == wave && state.waveStatus() != RolloutState.WaveStatus.DONE) {
          return;
        }
      }
    }

    void waiting() {
      Optional<GateAnswer> closed =
          firstClosed(Gates.at(Gates.Moment.START, current(), state, progress, gates, now));
      if (closed.isPresent()) {
        hold(closed.get());
        return;
      }
      state = state.wave(state.wave(), RolloutState.WaveStatus.PATCHING, Optional.empty(), "");
      event(
          RolloutEvent.Kind.WAVE_STARTED,
          "",
          current().clusters().size() + " cluster(s), every gate open");
      patching();
    }

    void patching() {
      WavePlan.Planned wave = current();
      int inFlight = 0;
      // Every cluster the rollout is patching counts, also one that left the wave's selection.
      for (String cluster : List.copyOf(state.clusters().keySet())) {
        ClusterStep step = state.clusters().get(cluster);
        if (step.status() != ClusterStep.Status.PATCHING
            && step.status() != ClusterStep.Status.FAILED) {
          continue;
        }
        ClusterProgress seen = progress.get(cluster);
        if (seen != null && seen.failure().isPresent()) {
          if (step.status() != ClusterStep.Status.FAILED) {
            state =
                state.cluster(
                    cluster, step.to(ClusterStep.Status.FAILED, now, seen.failure().get()));
            event(RolloutEvent.Kind.CLUSTER_FAILED, cluster, seen.failure().get());
          }
          fail(cluster + ": " + seen.failure().get());
          return;
        }
        if (seen != null && seen.finished()) {
          state = state.cluster(cluster, step.to(ClusterStep.Status.DONE, now, ""));
          event(RolloutEvent.Kind.CLUSTER_DONE, cluster, seen.nodes() + " node(s) on the target");
          continue;
        }
        inFlight++;
      }
      Optional<GateAnswer> closed =
          firstClosed(Gates.at(Gates.Moment.DURING, wave, state, progress, gates, now));
      if (closed.isPresent() && closed.get() instanceof GateAnswer.Failing failing) {
        fail(failing.reason());
        return;
      }
      if (closed.isEmpty()) {
        start(wave, wave.wave().maxParallel() - inFlight);
      } else if (closed.get() instanceof GateAnswer.Held held) {
        state = state.because("not starting more clusters: " + held.reason());
      }
      boolean allDone =
          inFlight == 0
              && clusters(wave).stream()
                  .allMatch(
                      c ->
                          state.clusters().containsKey(c)
                              && state.clusters().get(c).status() == ClusterStep.Status.DONE);
      if (allDone) {
        if (wave.wave().soak().isZero() || wave.clusters().isEmpty()) {
          state = state.wave(state.wave(), RolloutState.WaveStatus.DONE, Optional.empty(), "");
          event(RolloutEvent.Kind.WAVE_DONE, "", "every cluster on the target");
        } else {
          Instant until = now.plus(wave.wave().soak());
          state = state.wave(state.wave(), RolloutState.WaveStatus.SOAKING, Optional.of(until), "");
          event(RolloutEvent.Kind.WAVE_SOAKING, "", "soaking until " + until);
        }
      }
    }

    void start(WavePlan.Planned wave, int slots) {
      for (String cluster : clusters(wave)) {
        if (slots <= 0) {
          return;
        }
        if (state.clusters().containsKey(cluster)) {
          continue;
        }
        if (elsewhere.containsKey(cluster)) {
          state =
              state.because(
                  "not starting "
                      + cluster
                      + ": rollout "
                      + elsewhere.get(cluster)
                      + " is changing it; it starts once that one is done with it");
          continue;
        }
        ClusterProgress seen = progress.get(cluster);
        if (seen == null) {
          state = state.because("not starting " + cluster + ": it cannot be read");
          continue;
        }
        if (seen.declared().isEmpty()) {
          state =
              state.because(
                  "not starting "
                      + cluster
                      + ": its current version cannot be read, so it could not be rolled back");
          continue;
        }
        actions.add(
            new RolloutAction.Patch(
                cluster, plan.rollout().target(), wave.wave().maxUnavailableNodes()));
        state = state.cluster(cluster, ClusterStep.patching(seen.declared(), now));
        event(
            RolloutEvent.Kind.CLUSTER_PATCHING,
            cluster,
            "to "
                + plan.rollout().target().describe()
                + seen.declared().map(v -> " from " + v.describe()).orElse(""));
        slots--;
      }
    }

    void soaking() {
      Optional<GateAnswer> closed =
          firstClosed(Gates.at(Gates.Moment.SOAK, current(), state, progress, gates, now));
      if (closed.isPresent() && closed.get() instanceof GateAnswer.Failing failing) {
        fail(failing.reason());
        return;
      }
      if (closed.isPresent()) {
        // Unknown is not quiet: the soak ends only at a step where every gate is open.
        hold(closed.get());
        return;
      }
      if (now.isBefore(state.soakUntil().orElse(now))) {
        return;
      }
      state = state.wave(state.wave(), RolloutState.WaveStatus.DONE, Optional.empty(), "");
      event(RolloutEvent.Kind.WAVE_DONE, "", "soaked, every gate open");
    }

    void advance() {
      if (state.wave() + 1 < plan.waves().size()) {
        state = state.wave(state.wave() + 1, RolloutState.WaveStatus.WAITING, Optional.empty(), "");
        return;
      }
      state = state.with(RolloutPhase.COMPLETED, "", now);
      events.add(new RolloutEvent(RolloutEvent.Kind.COMPLETED, "", "", "every wave done"));
    }

    void hold(GateAnswer answer) {
      if (answer instanceof GateAnswer.Failing failing) {
        fail(failing.reason());
        return;
      }
      GateAnswer.Held held = (GateAnswer.Held) answer;
      String reason = held.reason() + held.until().map(u -> " (until " + u + ")").orElse("");
      if (!reason.equals(state.reason())) {
        event(RolloutEvent.Kind.WAVE_HELD, "", reason);
      }
      state = state.because(reason);
    }

    void fail(String reason) {
      if (plan.rollout().onFailure() == FailurePolicy.ROLLBACK) {
        state = state.with(RolloutPhase.ROLLING_BACK, reason, now);
        event(RolloutEvent.Kind.ROLLING_BACK, "", reason);
        rollBack();
      } else {
        state = state.with(RolloutPhase.HALTED, reason, now);
        event(RolloutEvent.Kind.HALTED, "", reason);
      }
    }

    void finishInFlight() {
      for (var entry : state.clusters().entrySet()) {
        ClusterProgress seen = progress.get(entry.getKey());
        if (entry.getValue().status() == ClusterStep.Status.PATCHING
            && seen != null
            && seen.failure().isPresent()) {
          // Paused stops new clusters, not the failure policy of those being patched.
          state =
              state.cluster(
                  entry.getKey(),
                  entry.getValue().to(ClusterStep.Status.FAILED, now, seen.failure().get()));
          event(RolloutEvent.Kind.CLUSTER_FAILED, entry.getKey(), seen.failure().get());
          fail(entry.getKey() + ": " + seen.failure().get());
          return;
        }
        if (entry.getValue().status() == ClusterStep.Status.PATCHING
            && seen != null
            && seen.finished()) {
          state =
              state.cluster(entry.getKey(), entry.getValue().to(ClusterStep.Status.DONE, now, ""));
          event(
              RolloutEvent.Kind.CLUSTER_DONE,
              entry.getKey(),
              seen.nodes() + " node(s) on the target");
        }
      }
    }

    void rollBack() {
      boolean restored = true;
      List<String> unknown = new ArrayList<>();
      List<String> failedRestores = new ArrayList<>();
      for (String cluster : List.copyOf(state.clusters().keySet())) {
        ClusterStep step = state.clusters().get(cluster);
        switch (step.status()) {
          case PATCHING, DONE, FAILED -> {
            if (step.previous().isEmpty()) {
              unknown.add(cluster);
              continue;
            }
            actions.add(new RolloutAction.Restore(cluster, step.previous().get()));
            state = state.cluster(cluster, step.to(ClusterStep.Status.RESTORING, now, ""));
            event(
                RolloutEvent.Kind.CLUSTER_RESTORING,
                cluster,
                "back to " + step.previous().get().describe());
            restored = false;
          }
          case RESTORING -> {
            ClusterProgress seen = progress.get(cluster);
            if (seen != null && seen.failure().isPresent()) {
              failedRestores.add(cluster + ": " + seen.failure().get());
            } else if (seen != null && seen.finished()) {
              state = state.cluster(cluster, step.to(ClusterStep.Status.RESTORED, now, ""));
              event(
                  RolloutEvent.Kind.CLUSTER_RESTORED,
                  cluster,
                  "on " + step.previous().map(RolloutTarget::describe).orElse("?"));
            } else {
              restored = false;
            }
          }
          case RESTORED -> {
            // Done already.
          }
        }
      }
      if (!restored) {
        return;
      }
      if (!failedRestores.isEmpty()) {
        String reason =
            "the roll back could not restore "
                + String.join("; ", failedRestores)
                + "; every other cluster is restored";
        if (!reason.equals(state.reason()) || state.phase() != RolloutPhase.ROLLBACK_HALTED) {
          state = state.with(RolloutPhase.ROLLBACK_HALTED, reason, now);
          events.add(new RolloutEvent(RolloutEvent.Kind.HALTED, "", "", reason));
        }
        return;
      }
      if (!unknown.isEmpty()) {
        String reason =
            "cannot roll back "
                + String.join(", ", unknown)
                + ": the version from before is unknown; every other cluster is restored";
        state = state.with(RolloutPhase.ROLLBACK_HALTED, reason, now);
        events.add(new RolloutEvent(RolloutEvent.Kind.HALTED, "", "", reason));
        return;
      }
      state = state.with(RolloutPhase.ROLLED_BACK, state.reason(), now);
      events.add(
          new RolloutEvent(
              RolloutEvent.Kind.ROLLED_BACK,
              "",
              "",
              "every cluster reached is on its version from before"));
    }

    private static Optional<GateAnswer> firstClosed(List<GateAnswer> answers) {
      Optional<GateAnswer> failing =
          answers.stream().filter(a -> a instanceof GateAnswer.Failing).findFirst();
      return failing.isPresent()
          ? failing
          : answers.stream().filter(a -> !(a instanceof GateAnswer.Open)).findFirst();
    }
  }
}
