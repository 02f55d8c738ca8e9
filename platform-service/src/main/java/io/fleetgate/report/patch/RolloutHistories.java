package io.fleetgate.report.patch;

import io.fleetgate.report.patch.RolloutHistory.ClusterOutcome;
import io.fleetgate.report.patch.RolloutHistory.State;
import io.fleetgate.rollout.RolloutEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gathers rollouts' audit rows, oldest first, into one {@link RolloutHistory} per rollout. Rows of
 * a kind this version does not know are kept as steps and change nothing else; rows of objects that
 * are not rollouts are ignored.
 */
public final class RolloutHistories implements Consumer<RolloutRow> {

  private static final String KIND_PREFIX = "rollout.";
  private static final String OBJECT_PREFIX = "PatchRollout ";

  private final Map<String, Gathered> rollouts = new LinkedHashMap<>();

  @Override
  public void accept(RolloutRow row) {
    if (!row.kind().startsWith(KIND_PREFIX) || !row.object().startsWith(OBJECT_PREFIX)) {
      return;
    }
    String name = row.object().substring(OBJECT_PREFIX.length());
    rollouts.computeIfAbsent(name, Gathered::new).add(row);
  }

  /** The histories, in the order of each rollout's first row. */
  public List<RolloutHistory> histories() {
    return rollouts.values().stream().map(Gathered::history).toList();
  }

  /** The wave and message of a detail {@code wave <name>: <message>}. */
  record Detail(String wave, String message) {
    static Detail parse(String detail) {
      if (detail.startsWith("wave ")) {
        int colon = detail.indexOf(": ");
        if (colon > 5) {
          return new Detail(detail.substring(5, colon), detail.substring(colon + 2));
        }
      }
      return new Detail("", detail);
    }
  }

  private static Optional<RolloutEvent.Kind> kind(String kind) {
    try {
      return Optional.of(
          RolloutEvent.Kind.valueOf(kind.substring(KIND_PREFIX.length()).toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** One rollout's rows as they arrive. */
  private static final class Gathered {
    final String name;
    Instant started;
    String startedBy = "";
    State state = State.RUNNING;
    Instant last;
    final Map<String, Wave> waves = new LinkedHashMap<>();
    final Map<String, Cluster> clusters = new LinkedHashMap<>();
    final List<RolloutHistory.Approval> approvals = new ArrayList<>();
    final List<RolloutHistory.Interruption> interruptions = new ArrayList<>();
    final List<RolloutHistory.Step> steps = new ArrayList<>();

    Gathered(String name) {
      this.name = name;
    }

    void add(RolloutRow row) {
      Detail detail = Detail.parse(row.detail());
      last = row.time();
      String word = row.kind().substring(KIND_PREFIX.length());
      steps.add(
          new RolloutHistory.Step(
              row.time(), word, detail.wave(), row.cluster(), detail.message()));
      Optional<RolloutEvent.Kind> kind = kind(row.kind());
      if (kind.isEmpty()) {
        return;
      }
      Instant at = row.time();
      switch (kind.get()) {
        case STARTED -> {
          started = at;
          startedBy = by(detail.message());
          state = State.RUNNING;
        }
        case WAVE_HELD -> wave(detail.wave()).holds.add(detail.message());
        case WAVE_STARTED -> wave(detail.wave()).started = at;
        case WAVE_SOAKING -> wave(detail.wave());
        case WAVE_DONE -> wave(detail.wave()).done = at;
        case CLUSTER_PATCHING -> {
          Cluster cluster = cluster(row.cluster(), detail.wave());
          cluster.change = detail.message();
          cluster.patched = at;
          cluster.settled = null;
          cluster.outcome = ClusterOutcome.PATCHING;
          cluster.detail = "";
        }
        case CLUSTER_DONE -> settle(row.cluster(), detail, ClusterOutcome.DONE, at);
        case CLUSTER_FAILED -> settle(row.cluster(), detail, ClusterOutcome.FAILED, at);
        case CLUSTER_RESTORING -> {
          Cluster cluster = cluster(row.cluster(), detail.wave());
          cluster.outcome = ClusterOutcome.RESTORING;
          cluster.detail = detail.message();
        }
        case CLUSTER_RESTORED -> {
          Cluster cluster = cluster(row.cluster(), detail.wave());
          cluster.outcome = ClusterOutcome.RESTORED;
          cluster.restored = at;
          cluster.detail = detail.message();
        }
        case APPROVED -> approvals.add(approval(at, detail));
        case HALTED -> interrupt(at, word, detail, State.HALTED);
        case PAUSED -> interrupt(at, word, detail, State.PAUSED);
        case RESUMED -> interrupt(at, word, detail, State.RUNNING);
        case ROLLING_BACK -> interrupt(at, word, detail, State.ROLLING_BACK);
        case ROLLED_BACK -> interrupt(at, word, detail, State.ROLLED_BACK);
        case COMPLETED -> state = State.COMPLETED;
      }
    }

    private void settle(String name, Detail detail, ClusterOutcome outcome, Instant at) {
      Cluster cluster = cluster(name, detail.wave());
      cluster.outcome = outcome;
      cluster.settled = at;
      cluster.detail = detail.message();
    }

    private void interrupt(Instant at, String word, Detail detail, State next) {
      interruptions.add(new RolloutHistory.Interruption(at, word, detail.wave(), detail.message()));
      state = next;
    }

    private Wave wave(String name) {
      return waves.computeIfAbsent(name, n -> new Wave());
    }

    private Cluster cluster(String name, String wave) {
      Cluster cluster = clusters.computeIfAbsent(name, n -> new Cluster());
      if (cluster.wave.isEmpty()) {
        cluster.wave = wave;
      }
      return cluster;
    }

    RolloutHistory history() {
      List<RolloutHistory.WaveSpan> spans = new ArrayList<>();
      waves.forEach(
          (wave, w) ->
              spans.add(
                  new RolloutHistory.WaveSpan(wave, w.started, w.done, List.copyOf(w.holds))));
      List<RolloutHistory.ClusterSpan> reached = new ArrayList<>();
      clusters.forEach(
          (cluster, c) ->
              reached.add(
                  new RolloutHistory.ClusterSpan(
                      cluster,
                      c.wave,
                      c.change,
                      c.outcome,
                      c.patched,
                      c.settled,
                      c.restored,
                      c.detail)));
      return new RolloutHistory(
          name, started, startedBy, state, last, spans, reached, approvals, interruptions, steps);
    }
  }

  /** "by NAME" as the rollout commands record who acted; "" when not so. */
  private static String by(String message) {
    return message.startsWith("by ") ? message.substring(3) : "";
  }

  /** "by NAME for GROUP", as an approval is recorded. */
  private static RolloutHistory.Approval approval(Instant at, Detail detail) {
    String who = by(detail.message());
    int forGroup = who.lastIndexOf(" for ");
    return forGroup < 0
        ? new RolloutHistory.Approval(at, detail.wave(), who, "")
        : new RolloutHistory.Approval(
            at, detail.wave(), who.substring(0, forGroup), who.substring(forGroup + 5));
  }

  private static final class Wave {
    Instant started;
    Instant done;
    final Set<String> holds = new LinkedHashSet<>();
  }

  private static final class Cluster {
    String wave = "";
    String change = "";
    ClusterOutcome outcome = ClusterOutcome.PATCHING;
    Instant patched;
    Instant settled;
    Instant restored;
    String detail = "";
  }
}
