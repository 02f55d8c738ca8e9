package io.fleetgate.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Patch rollouts as the API answers them: each rollout of the synced revision with its waves, the
 * clusters of each wave and their nodes, which gate holds a wave and why, and its recent steps.
 */
public final class RolloutStatus {

  private RolloutStatus() {}

  /**
   * Every rollout.
   *
   * @param at when the clusters were read
   * @param revision the config revision the rollouts were read from ("" before the first sync)
   * @param rollouts in the order of their files
   * @param problems problems of the rollout specs and of {@code fleet.yaml} waves, each "file:line:
   *     field: why"
   */
  public record Board(
      Instant at, String revision, List<RolloutView> rollouts, List<String> problems) {}

  /** Where a rollout as a whole stands. */
  public enum Phase {
    PENDING,
    RUNNING,
    PAUSED,
    HALTED,
    ROLLING_BACK,
    ROLLBACK_HALTED,
    ROLLED_BACK,
    COMPLETED
  }

  /** Where one wave stands. */
  public enum WavePhase {
    /** An earlier wave has not finished. */
    QUEUED,
    /** Its turn, held by a gate. */
    WAITING,
    PATCHING,
    SOAKING,
    DONE
  }

  /** Where one cluster of a wave stands. */
  public enum ClusterPhase {
    /** Not reached yet. */
    PENDING,
    PATCHING,
    DONE,
    FAILED,
    RESTORING,
    RESTORED
  }

  /** A gate's answer now. */
  public enum GateAnswer {
    OPEN,
    /** Waiting: a window shut, an approval missing, an answer unknown. */
    HELD,
    /** Failing: an SLO burning, a denial, nodes not Ready. */
    FAILING
  }

  /**
   * One rollout.
   *
   * @param target e.g. {@code Kubernetes v1.34.4, kernel 6.8.0-88-generic}
   * @param onFailure {@code halt} or {@code rollback}
   * @param reason why it stands where it does ("" when nothing holds it)
   * @param since when it entered its phase (null while pending)
   * @param source the file and line that declares it
   * @param wave the index of its current wave
   * @param took how long it has run, in seconds, from its start to now or to its end (null while
   *     pending)
   * @param recent its latest steps, newest first
   */
  public record RolloutView(
      String name,
      String target,
      String onFailure,
      Phase phase,
      String reason,
      Instant since,
      String source,
      int wave,
      Long took,
      List<WaveView> waves,
      List<StepView> recent) {}

  /**
   * One wave.
   *
   * @param settings e.g. {@code 1 cluster(s) at a time, 1 node(s) down at a time, soak 2h}
   * @param heldBy the gate that holds or fails it now and why, "" when none
   * @param soakUntil when its soak ends, while it soaks
   * @param took seconds from its start to its end or now (null before it started)
   */
  public record WaveView(
      String name,
      String settings,
      WavePhase phase,
      String heldBy,
      Instant soakUntil,
      Long took,
      List<GateView> gates,
      List<ClusterView> clusters) {}

  /**
   * One gate of a wave.
   *
   * @param kind {@code health}, {@code sloBurnRate}, {@code noPolicyDenials}, {@code approval} or
   *     {@code maintenanceWindow}
   * @param description e.g. {@code SLO payment-gateway-availability burning at most 6× over 1h}
   * @param reason why it is held or failing, "" when open
   * @param burns for an SLO gate, the burn rate on each cluster of the wave
   */
  public record GateView(
      String kind, String description, GateAnswer answer, String reason, List<SloBurn> burns) {}

  /**
   * An SLO's burn rate on one cluster against the gate's threshold.
   *
   * @param burnRate null when unknown
   * @param reason why it is unknown, "" when known
   */
  public record SloBurn(
      String cluster,
      String slo,
      Double burnRate,
      double maxBurnRate,
      String window,
      String reason) {}

  /**
   * One cluster of a wave.
   *
   * @param cluster {@code namespace/name}
   * @param nodes its nodes (0 when they could not be read)
   * @param upToDate nodes on the version it is being brought to, and Ready
   * @param ready nodes Ready
   * @param byLevel node counts by {@code kubelet · kernel · OS image}
   * @param reason why it failed, or why it cannot be read; ""
   * @param since when it entered its phase (null while pending)
   * @param took seconds from its patch to done (null until done)
   * @param perNode seconds per node of that, when done
   */
  public record ClusterView(
      String cluster,
      ClusterPhase phase,
      int nodes,
      int upToDate,
      int ready,
      Map<String, Integer> byLevel,
      String reason,
      Instant since,
      Long took,
      Double perNode) {}

  /** One recorded step of a rollout, as the audit log holds it. */
  public record StepView(Instant at, String kind, String wave, String cluster, String message) {}

  /** A command on a rollout: start, pause, resume, approve, rollback. */
  public enum Command {
    START,
    PAUSE,
    RESUME,
    APPROVE,
    ROLLBACK
  }

  /**
   * What a command did.
   *
   * @param accepted whether it was accepted
   * @param message what it changed, or why it was refused
   * @param rollout the rollout afterwards
   */
  public record CommandResult(boolean accepted, String message, RolloutView rollout) {}

  /**
   * The fleet's patch matrix.
   *
   * @param target what "up to date" means here ("" when nothing is judged)
   * @param clusters sorted by {@code namespace/name}
   * @param notRead clusters that could not even be listed, one sentence each
   */
  public record Matrix(
      Instant at, String target, List<MatrixCluster> clusters, List<String> notRead) {}

  /**
   * One cluster of the matrix.
   *
   * @param reachable false when its nodes could not be read ({@code reason} says why)
   * @param nodes its nodes (0 when unreachable: unknown, not zero)
   * @param upToDate those up to date against the target
   */
  public record MatrixCluster(
      String cluster,
      boolean reachable,
      String reason,
      int nodes,
      int upToDate,
      List<MatrixRow> levels) {}

  /** The nodes of one cluster at one patch level. */
  public record MatrixRow(
      String kubeletVersion,
      String kernelVersion,
      String osImage,
      int nodes,
      int upToDate,
      int notReady,
      int cordoned) {}

  /** Refused: an unknown rollout, a command out of turn, a caller not in the approving group. */
  public static final class RefusedException extends RuntimeException {
    private final boolean notFound;

    public RefusedException(String message, boolean notFound) {
      super(message);
      this.notFound = notFound;
    }

    /** Whether the rollout does not exist (404), rather than the command being refused (409). */
    public boolean notFound() {
      return notFound;
    }
  }
}
