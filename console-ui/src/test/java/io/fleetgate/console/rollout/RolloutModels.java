package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.api.RolloutStatus.ClusterPhase;
import io.fleetgate.api.RolloutStatus.ClusterView;
import io.fleetgate.api.RolloutStatus.GateAnswer;
import io.fleetgate.api.RolloutStatus.GateView;
import io.fleetgate.api.RolloutStatus.Phase;
import io.fleetgate.api.RolloutStatus.RolloutView;
import io.fleetgate.api.RolloutStatus.SloBurn;
import io.fleetgate.api.RolloutStatus.StepView;
import io.fleetgate.api.RolloutStatus.WavePhase;
import io.fleetgate.api.RolloutStatus.WaveView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollouts over the example fleet as the platform reports them, for the view model's tests and the
 * screen tests: one mid-rollout, one held at its SLO gate, one halted, one not started; and a patch
 * matrix with one cluster behind and one unreachable.
 */
public final class RolloutModels {

  public static final Instant AT = Instant.parse("2026-12-02T01:40:00Z");
  static final String NEW = "v1.34.4 · 6.8.0-88-generic · Ubuntu 24.04.3 LTS";
  static final String OLD = "v1.34.3 · 6.8.0-85-generic · Ubuntu 24.04.3 LTS";
  static final String TARGET = "Kubernetes v1.34.4, kernel 6.8.0-88-generic";
  static final String SLO = "payment-gateway-availability";

  private RolloutModels() {}

  /** Every rollout: mid-rollout first, then held, halted and pending. */
  public static RolloutStatus.Board board() {
    return new RolloutStatus.Board(
        AT,
        "3f9c2e1a7b5d4c08e6f1a2b3c4d5e6f708192a3b",
        List.of(midRollout(), heldAtSloGate(), halted(), pending()),
        List.of());
  }

  /** Wave 1 done; wave 2 patching: beijing at 2 of 3 nodes, guangzhou not reached yet. */
  public static RolloutView midRollout() {
    return new RolloutView(
        "kernel-6.8.0-88",
        TARGET,
        "rollback",
        Phase.RUNNING,
        "",
        AT.minusSeconds(1_980),
        "rollouts/kernel-6.8.0-88.yaml:1",
        1,
        1_980L,
        List.of(
            new WaveView(
                "canary",
                "1 cluster(s) at a time, 1 node(s) down at a time, soak 10m",
                WavePhase.DONE,
                "",
                null,
                1_002L,
                List.of(health(GateAnswer.OPEN, "")),
                List.of(done("fleet/aws-cn-north-1-prod", 3, 402L))),
            new WaveView(
                "china-prod",
                "1 cluster(s) at a time, 1 node(s) down at a time, soak 30m",
                WavePhase.PATCHING,
                "",
                null,
                540L,
                List.of(
                    health(GateAnswer.OPEN, ""),
                    slo(
                        GateAnswer.OPEN,
                        "",
                        burn("fleet/beijing-prod", 1.2),
                        burn("fleet/guangzhou-prod", 0.4))),
                List.of(
                    new ClusterView(
                        "fleet/beijing-prod",
                        ClusterPhase.PATCHING,
                        3,
                        2,
                        2,
                        levels(NEW, 2, OLD, 1),
                        "",
                        AT.minusSeconds(300),
                        null,
                        null),
                    pendingCluster("fleet/guangzhou-prod", 3))),
            new WaveView(
                "payments",
                "1 cluster(s) at a time, 1 node(s) down at a time, soak 2h",
                WavePhase.QUEUED,
                "",
                null,
                null,
                List.of(
                    new GateView(
                        "approval",
                        "approved by a member of sre-leads",
                        GateAnswer.HELD,
                        "no one from sre-leads has approved yet",
                        List.of()),
                    new GateView(
                        "maintenanceWindow",
                        "Sat 02:00–06:00 Asia/Shanghai",
                        GateAnswer.HELD,
                        "the window opens Sat 02:00 Asia/Shanghai",
                        List.of())),
                List.of(pendingCluster("fleet/shanghai-payments", 4)))),
        List.of(
            step(60, "node", "china-prod", "fleet/beijing-prod", "bj-node-2 up to date and Ready"),
            step(
                300,
                "patch",
                "china-prod",
                "fleet/beijing-prod",
                "KubeadmControlPlane and MachineDeployment set to v1.34.4"),
            step(400, "wave", "china-prod", "", "gates open: health, SLO burn"),
            step(978, "soak", "canary", "", "soaked 10m, every object healthy"),
            step(1_578, "cluster", "canary", "fleet/aws-cn-north-1-prod", "3 of 3 nodes in 402 s"),
            step(1_980, "started", "", "", "by alice@platform")));
  }

  /** Wave 2 waits: the payment gateway burns 9.3× its budget on beijing, the gate allows 6×. */
  public static RolloutView heldAtSloGate() {
    String held =
        "held by SLO payment-gateway-availability: burning 9.30× over 1h on fleet/beijing-prod,"
            + " at most 6×";
    return new RolloutView(
        "node-image-2026-11",
        "OS image Ubuntu 24.04.3 LTS",
        "halt",
        Phase.RUNNING,
        held,
        AT.minusSeconds(5_400),
        "rollouts/node-image-2026-11.yaml:1",
        1,
        5_400L,
        List.of(
            new WaveView(
                "canary",
                "1 cluster(s) at a time, 1 node(s) down at a time, soak 10m",
                WavePhase.DONE,
                "",
                null,
                1_150L,
                List.of(health(GateAnswer.OPEN, "")),
                List.of(done("fleet/aws-cn-north-1-prod", 3, 510L))),
            new WaveView(
                "china-prod",
                "2 cluster(s) at a time, 1 node(s) down at a time, soak 30m",
                WavePhase.WAITING,
                held,
                null,
                1_320L,
                List.of(
                    health(GateAnswer.OPEN, ""),
                    slo(
                        GateAnswer.FAILING,
                        "burning 9.30× over 1h on fleet/beijing-prod, at most 6×",
                        burn("fleet/beijing-prod", 9.3),
                        burn("fleet/guangzhou-prod", 0.8),
                        new SloBurn(
                            "fleet/shenzhen-prod",
                            SLO,
                            null,
                            6,
                            "1h",
                            "Prometheus at http://prometheus.shenzhen:9090/ did not answer"
                                + " within 10 s"))),
                List.of(
                    pendingCluster("fleet/beijing-prod", 3),
                    pendingCluster("fleet/guangzhou-prod", 3),
                    pendingCluster("fleet/shenzhen-prod", 2)))),
        List.of(
            step(
                30,
                "gate",
                "china-prod",
                "",
                "SLO gate failing: burning 9.30× over 1h on fleet/beijing-prod, at most 6×"),
            step(1_320, "wave", "china-prod", "", "waiting for its gates"),
            step(1_500, "soak", "canary", "", "soaked 10m, every object healthy"),
            step(5_400, "started", "", "", "by bob@platform")));
  }

  /** Halted: a node did not come back Ready, and one cluster's nodes cannot be read. */
  public static RolloutView halted() {
    String reason =
        "wave china-prod: fleet/guangzhou-prod failed: gz-node-2 not Ready 10 min after its"
            + " upgrade (KubeletNotReady)";
    return new RolloutView(
        "kubernetes-v1.35.1",
        "Kubernetes v1.35.1",
        "halt",
        Phase.HALTED,
        reason,
        AT.minusSeconds(720),
        "rollouts/kubernetes-v1.35.1.yaml:1",
        0,
        3_600L,
        List.of(
            new WaveView(
                "china-prod",
                "2 cluster(s) at a time, 1 node(s) down at a time, soak 30m",
                WavePhase.PATCHING,
                "",
                null,
                2_880L,
                List.of(health(GateAnswer.FAILING, "gz-node-2 not Ready")),
                List.of(
                    new ClusterView(
                        "fleet/guangzhou-prod",
                        ClusterPhase.FAILED,
                        3,
                        1,
                        2,
                        levels("v1.35.1 · 6.8.0-88-generic · Ubuntu 24.04.3 LTS", 2, NEW, 1),
                        "gz-node-2 not Ready 10 min after its upgrade (KubeletNotReady)",
                        AT.minusSeconds(720),
                        null,
                        null),
                    new ClusterView(
                        "fleet/beijing-prod",
                        ClusterPhase.PATCHING,
                        0,
                        0,
                        0,
                        Map.of(),
                        "cannot list nodes: Get \"https://10.20.0.4:6443/api/v1/nodes\": dial tcp"
                            + " 10.20.0.4:6443: connect: connection refused",
                        AT.minusSeconds(900),
                        null,
                        null)))),
        List.of(
            step(720, "halted", "china-prod", "fleet/guangzhou-prod", reason),
            step(1_300, "node", "china-prod", "fleet/guangzhou-prod", "gz-node-1 up to date"),
            step(3_600, "started", "", "", "by alice@platform")));
  }

  public static RolloutView pending() {
    return new RolloutView(
        "kernel-6.8.0-90",
        "kernel 6.8.0-90-generic",
        "rollback",
        Phase.PENDING,
        "",
        null,
        "rollouts/kernel-6.8.0-90.yaml:1",
        0,
        null,
        List.of(
            new WaveView(
                "everything",
                "3 cluster(s) at a time, 1 node(s) down at a time, soak 1h",
                WavePhase.QUEUED,
                "",
                null,
                null,
                List.of(health(GateAnswer.OPEN, "")),
                List.of(pendingCluster("fleet/aws-cn-north-1-prod", 3)))),
        List.of());
  }

  /** Judged against a rollout: beijing has a node behind, guangzhou cannot be read. */
  public static RolloutStatus.Matrix matrix() {
    return new RolloutStatus.Matrix(
        AT,
        TARGET,
        List.of(
            new RolloutStatus.MatrixCluster(
                "fleet/aws-cn-north-1-prod",
                true,
                "",
                3,
                3,
                List.of(
                    new RolloutStatus.MatrixRow(
                        "v1.34.4", "6.8.0-88-generic", "Ubuntu 24.04.3 LTS", 3, 3, 0, 0))),
            new RolloutStatus.MatrixCluster(
                "fleet/beijing-prod",
                true,
                "",
                3,
                2,
                List.of(
                    new RolloutStatus.MatrixRow(
                        "v1.34.3", "6.8.0-85-generic", "Ubuntu 24.04.3 LTS", 1, 0, 1, 1),
                    new RolloutStatus.MatrixRow(
                        "v1.34.4", "6.8.0-88-generic", "Ubuntu 24.04.3 LTS", 2, 2, 0, 0))),
            new RolloutStatus.MatrixCluster(
                "fleet/guangzhou-prod",
                false,
                "Get \"https://10.30.0.4:6443/api/v1/nodes?limit=250\": dial tcp 10.30.0.4:6443:"
                    + " i/o timeout",
                0,
                0,
                List.of()),
            new RolloutStatus.MatrixCluster(
                "fleet/shanghai-payments",
                true,
                "",
                4,
                4,
                List.of(
                    new RolloutStatus.MatrixRow(
                        "v1.34.4", "6.8.0-88-generic", "Ubuntu 24.04.3 LTS", 4, 4, 0, 0)))),
        List.of());
  }

  static GateView health(GateAnswer answer, String reason) {
    return new GateView(
        "health", "every object healthy, every node Ready", answer, reason, List.of());
  }

  static GateView slo(GateAnswer answer, String reason, SloBurn... burns) {
    return new GateView(
        "sloBurnRate",
        "SLO " + SLO + " burning at most 6× over 1h",
        answer,
        reason,
        List.of(burns));
  }

  static SloBurn burn(String cluster, double rate) {
    return new SloBurn(cluster, SLO, rate, 6, "1h", "");
  }

  static ClusterView done(String cluster, int nodes, long took) {
    return new ClusterView(
        cluster,
        ClusterPhase.DONE,
        nodes,
        nodes,
        nodes,
        levels(NEW, nodes),
        "",
        AT.minusSeconds(1_200),
        took,
        (double) took / nodes);
  }

  static ClusterView pendingCluster(String cluster, int nodes) {
    return new ClusterView(
        cluster, ClusterPhase.PENDING, nodes, 0, nodes, levels(OLD, nodes), "", null, null, null);
  }

  static Map<String, Integer> levels(Object... pairs) {
    Map<String, Integer> byLevel = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      byLevel.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return byLevel;
  }

  static StepView step(long secondsAgo, String kind, String wave, String cluster, String message) {
    return new StepView(AT.minusSeconds(secondsAgo), kind, wave, cluster, message);
  }

  /** A source answering from memory, recording each command; refuses what it is told to. */
  public static class Recorded implements RolloutSource {
    public final List<String> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final List<MatrixTarget> asked = new ArrayList<>();
    public RolloutStatus.Board board = RolloutModels.board();
    public RolloutStatus.Matrix matrix = RolloutModels.matrix();
    public RuntimeException failure;
    public String refuse;
    public final java.util.concurrent.atomic.AtomicInteger boards =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public RolloutStatus.Board board() {
      boards.incrementAndGet();
      if (failure != null) {
        throw failure;
      }
      return board;
    }

    @Override
    public RolloutStatus.CommandResult command(String rollout, RolloutStatus.Command command) {
      commands.add(rollout + " " + command);
      if (refuse != null) {
        throw new RolloutStatus.RefusedException(refuse, false);
      }
      RolloutView now =
          board.rollouts().stream().filter(r -> r.name().equals(rollout)).findFirst().orElseThrow();
      return new RolloutStatus.CommandResult(true, "done", now);
    }

    @Override
    public RolloutStatus.Matrix matrix(MatrixTarget target) {
      asked.add(target);
      if (failure != null) {
        throw failure;
      }
      return matrix;
    }
  }
}
