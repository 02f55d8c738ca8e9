package io.fleetgate.app;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.patch.ClusterPatchState;
import io.fleetgate.patch.LevelRow;
import io.fleetgate.patch.PatchMatrix;
import io.fleetgate.rollout.ClusterStep;
import io.fleetgate.rollout.Gate;
import io.fleetgate.rollout.GateReport;
import io.fleetgate.rollout.GateText;
import io.fleetgate.rollout.WavePlan;
import io.fleetgate.rollout.run.NodeProgress;
import io.fleetgate.slo.SloReading;
import io.fleetgate.slo.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rollout state, gates, clusters and the patch matrix in the API's words. */
final class RolloutViews {

  private RolloutViews() {}

  static RolloutStatus.GateView gate(
      GateReport report, WavePlan.Planned wave, List<SloReading> readings, Instant now) {
    List<RolloutStatus.SloBurn> burns = new ArrayList<>();
    if (report.gate() instanceof Gate.SloBurn burn) {
      Window window = null;
      try {
        window = Window.parse(burn.window());
      } catch (IllegalArgumentException e) {
        // Unknown window: every burn unknown.
      }
      for (var cluster : wave.clusters()) {
        burns.add(burnOn(burn, cluster.name(), window, readings));
      }
    }
    return new RolloutStatus.GateView(
        report.gate().word(),
        GateText.describe(report.gate(), now),
        RolloutService.answer(report),
        RolloutService.reason(report),
        burns);
  }

  private static RolloutStatus.SloBurn burnOn(
      Gate.SloBurn gate, String cluster, Window window, List<SloReading> readings) {
    for (SloReading reading : readings) {
      if (!reading.slo().name().equals(gate.slo()) || !reading.cluster().equals(cluster)) {
        continue;
      }
      return switch (reading) {
        case SloReading.Known k -> {
          Double rate = window == null ? null : k.burnRates().get(window);
          yield new RolloutStatus.SloBurn(
              cluster,
              gate.slo(),
              rate,
              gate.maxBurnRate(),
              gate.window(),
              rate == null ? "no burn rate over " + gate.window() + " is recorded" : "");
        }
        case SloReading.Unknown u ->
            new RolloutStatus.SloBurn(
                cluster, gate.slo(), null, gate.maxBurnRate(), gate.window(), u.reason());
      };
    }
    return new RolloutStatus.SloBurn(
        cluster, gate.slo(), null, gate.maxBurnRate(), gate.window(), "not read on this cluster");
  }

  static RolloutStatus.ClusterView cluster(
      String name,
      ClusterStep step,
      NodeProgress progress,
      String unreadable,
      java.time.Duration took) {
    RolloutStatus.ClusterPhase phase =
        step == null
            ? RolloutStatus.ClusterPhase.PENDING
            : RolloutStatus.ClusterPhase.valueOf(step.status().name());
    String reason = step != null && !step.reason().isEmpty() ? step.reason() : unreadable;
    if (progress != null && progress.progress().failure().isPresent() && reason.isEmpty()) {
      reason = progress.progress().failure().get();
    }
    int nodes = progress == null ? 0 : progress.progress().nodes();
    Double perNode =
        took == null || nodes == 0 || phase != RolloutStatus.ClusterPhase.DONE
            ? null
            : took.toMillis() / 1000.0 / nodes;
    return new RolloutStatus.ClusterView(
        name,
        phase,
        nodes,
        progress == null ? 0 : progress.progress().upToDate(),
        progress == null ? 0 : progress.progress().ready(),
        progress == null ? Map.of() : progress.byLevel(),
        reason,
        step == null ? null : step.since(),
        phase == RolloutStatus.ClusterPhase.DONE && took != null ? took.toSeconds() : null,
        perNode);
  }

  static RolloutStatus.Matrix matrix(PatchMatrix matrix, Instant at) {
    List<RolloutStatus.MatrixCluster> clusters = new ArrayList<>();
    for (ClusterPatchState state : matrix.clusters()) {
      clusters.add(
          switch (state) {
            case ClusterPatchState.Counted counted ->
                new RolloutStatus.MatrixCluster(
                    counted.cluster(),
                    true,
                    "",
                    counted.nodes(),
                    counted.upToDate(),
                    counted.levels().stream().map(RolloutViews::row).toList());
            case ClusterPatchState.Unreachable unreachable ->
                new RolloutStatus.MatrixCluster(
                    unreachable.cluster(), false, unreachable.reason(), 0, 0, List.of());
          });
    }
    return new RolloutStatus.Matrix(at, matrix.target().describe(), clusters, matrix.notRead());
  }

  private static RolloutStatus.MatrixRow row(LevelRow row) {
    return new RolloutStatus.MatrixRow(
        row.level().kubernetesVersion(),
        row.level().kernelVersion(),
        row.level().osImage(),
        row.nodes(),
        row.upToDate(),
        row.notReady(),
        row.cordoned());
  }
}
