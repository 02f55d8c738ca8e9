package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;
import java.util.List;

/** The board's rows as it shows them, computed from the platform's rollouts; pure. */
public final class BoardRows {

  private BoardRows() {}

  /**
   * One rollout in the list.
   *
   * @param reasonTone how its reason reads: bad when it halted or a gate of its current wave fails
   */
  public record RolloutRow(
      RolloutStatus.RolloutView rollout,
      Tone tone,
      String phase,
      String target,
      String took,
      Tone reasonTone) {
    public String name() {
      return rollout.name();
    }
  }

  /**
   * One wave.
   *
   * @param current whether it is the rollout's current wave
   * @param heldBy which gate holds it and why, "" when none
   */
  public record WaveRow(
      String name,
      String phase,
      Tone tone,
      String settings,
      String took,
      String heldBy,
      boolean current,
      List<GateRow> gates,
      List<ClusterCell> clusters) {}

  /** One gate of a wave; {@code burns} for an SLO gate. */
  public record GateRow(
      String kind,
      String description,
      String answer,
      Tone tone,
      String reason,
      List<BurnRow> burns) {}

  /**
   * An SLO's burn rate on one cluster against the gate's threshold.
   *
   * @param burnRate null when unknown ({@code figure} then says why)
   * @param figure e.g. {@code 9.30× of at most 6× over 1h}
   */
  public record BurnRow(
      String cluster, String slo, Double burnRate, double maxBurnRate, String figure, Tone tone) {}

  /** How far a cluster's nodes are: counted, or not read at all (never zero nodes). */
  public sealed interface Progress {
    record Counted(int upToDate, int nodes, int ready) implements Progress {
      /** The share of nodes up to date, 0 to 1 (0 with no nodes). */
      public double share() {
        return nodes == 0 ? 0 : Math.min(1, (double) upToDate / nodes);
      }
    }

    record Unread(String reason) implements Progress {}
  }

  /**
   * One cluster of a wave.
   *
   * @param counts e.g. {@code 2/3 up to date · 3 ready}, or {@code nodes unknown}
   * @param levels node counts by level, one per line (for the tooltip and small text)
   * @param took how long it took and per node, once done; "" before
   */
  public record ClusterCell(
      String cluster,
      String phase,
      Tone tone,
      Progress progress,
      String counts,
      String levels,
      String took,
      String reason) {}

  /** One recorded step. */
  public record StepRow(String at, String kind, String where, String message) {}

  static RolloutRow rollout(RolloutStatus.RolloutView r) {
    String took =
        switch (r.phase()) {
          case PENDING -> "not started";
          case COMPLETED, ROLLED_BACK -> "took " + RolloutFormat.duration(r.took());
          default -> "for " + RolloutFormat.duration(r.took());
        };
    boolean failing =
        r.wave() >= 0
            && r.wave() < r.waves().size()
            && r.waves().get(r.wave()).gates().stream()
                .anyMatch(g -> g.answer() == RolloutStatus.GateAnswer.FAILING);
    Tone tone = Tone.of(r.phase());
    return new RolloutRow(
        r,
        tone,
        RolloutFormat.phase(r.phase()),
        r.target(),
        took,
        tone == Tone.BAD || failing ? Tone.BAD : Tone.WAITING);
  }

  static List<WaveRow> waves(RolloutStatus.RolloutView r) {
    List<RolloutStatus.WaveView> waves = r.waves();
    return java.util.stream.IntStream.range(0, waves.size())
        .mapToObj(i -> wave(waves.get(i), i == r.wave() && isMoving(r.phase())))
        .toList();
  }

  private static boolean isMoving(RolloutStatus.Phase phase) {
    return phase != RolloutStatus.Phase.COMPLETED && phase != RolloutStatus.Phase.ROLLED_BACK;
  }

  static WaveRow wave(RolloutStatus.WaveView w, boolean current) {
    String phase = RolloutFormat.phase(w.phase());
    if (w.phase() == RolloutStatus.WavePhase.SOAKING && w.soakUntil() != null) {
      phase += " until " + RolloutFormat.clock(w.soakUntil()) + " UTC";
    }
    return new WaveRow(
        w.name(),
        phase,
        Tone.of(w.phase()),
        w.settings(),
        w.took() == null ? "" : RolloutFormat.duration(w.took()),
        w.heldBy() == null ? "" : w.heldBy(),
        current,
        w.gates().stream().map(BoardRows::gate).toList(),
        w.clusters().stream().map(BoardRows::cluster).toList());
  }

  static GateRow gate(RolloutStatus.GateView g) {
    return new GateRow(
        g.kind(),
        g.description(),
        RolloutFormat.phase(g.answer()),
        Tone.of(g.answer()),
        g.reason() == null ? "" : g.reason(),
        g.burns() == null ? List.of() : g.burns().stream().map(BoardRows::burn).toList());
  }

  static BurnRow burn(RolloutStatus.SloBurn b) {
    String over = " of at most " + RolloutFormat.threshold(b.maxBurnRate()) + " over " + b.window();
    if (b.burnRate() == null) {
      String why = b.reason() == null || b.reason().isBlank() ? "no figure" : b.reason();
      return new BurnRow(
          b.cluster(), b.slo(), null, b.maxBurnRate(), "unknown" + over + ": " + why, Tone.UNKNOWN);
    }
    Tone tone = b.burnRate() > b.maxBurnRate() ? Tone.BAD : Tone.GOOD;
    return new BurnRow(
        b.cluster(),
        b.slo(),
        b.burnRate(),
        b.maxBurnRate(),
        RolloutFormat.burn(b.burnRate()) + over,
        tone);
  }

  static ClusterCell cluster(RolloutStatus.ClusterView c) {
    String reason = c.reason() == null ? "" : c.reason();
    Progress progress =
        c.nodes() == 0 && !reason.isBlank()
            ? new Progress.Unread(reason)
            : new Progress.Counted(c.upToDate(), c.nodes(), c.ready());
    String counts =
        switch (progress) {
          case Progress.Unread u -> "nodes unknown";
          case Progress.Counted n when n.nodes() == 0 -> "no nodes";
          case Progress.Counted n ->
              n.upToDate() + "/" + n.nodes() + " up to date · " + n.ready() + " ready";
        };
    String took = "";
    if (c.took() != null) {
      took = "took " + RolloutFormat.duration(c.took());
      if (c.perNode() != null) {
        took += " · " + RolloutFormat.duration(c.perNode()) + " per node";
      }
    }
    return new ClusterCell(
        c.cluster(),
        RolloutFormat.phase(c.phase()),
        progress instanceof Progress.Unread ? Tone.UNKNOWN : Tone.of(c.phase()),
        progress,
        counts,
        RolloutFormat.levels(c.byLevel()),
        took,
        reason);
  }

  static StepRow step(RolloutStatus.StepView s) {
    String where =
        s.wave() == null || s.wave().isBlank()
            ? ""
            : s.cluster() == null || s.cluster().isBlank()
                ? s.wave()
                : s.wave() + " · " + s.cluster();
    return new StepRow(RolloutFormat.clock(s.at()), s.kind(), where, s.message());
  }
}
