package io.fleetgate.app;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.patch.MatrixFilter;
import io.fleetgate.patch.PatchMatrix;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.patch.kube.FleetNodes;
import io.fleetgate.rollout.GateAnswer;
import io.fleetgate.rollout.GateReport;
import io.fleetgate.rollout.GateText;
import io.fleetgate.rollout.PatchRollout;
import io.fleetgate.rollout.RolloutCatalog;
import io.fleetgate.rollout.RolloutPhase;
import io.fleetgate.rollout.RolloutState;
import io.fleetgate.rollout.WavePlan;
import io.fleetgate.rollout.kube.CapiLevels;
import io.fleetgate.rollout.run.RolloutRecords;
import io.fleetgate.rollout.run.RolloutRunner;
import io.fleetgate.slo.SloReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The platform's patch rollouts: stepped by the platform's loop, commanded through the API, and
 * shown as a board of waves × clusters and as the fleet's patch matrix.
 */
final class RolloutService {

  /** How long a node on its new levels may stay not Ready before its cluster's patch fails. */
  static final Duration NODE_TIMEOUT = Duration.ofMinutes(10);

  private static final int RECENT = 30;

  /** The rollouts of the synced revision and that revision. */
  record Source(RolloutCatalog catalog, String revision) {
    static final Source NONE = new Source(RolloutCatalog.EMPTY, "");
  }

  private final Supplier<Source> source;
  private final SyncSetup.Fleet fleet;
  private final RolloutRecords records;
  private final SloMonitor slos;
  private final FleetStatus status;
  private final Clock clock;
  private final RolloutRunner runner;

  RolloutService(
      Supplier<Source> source,
      SyncSetup.Fleet fleet,
      RolloutRecords records,
      SloMonitor slos,
      FleetStatus status,
      Clock clock,
      Duration nodeTimeout) {
    this.source = source;
    this.fleet = fleet;
    this.records = records;
    this.slos = slos;
    this.status = status;
    this.clock = clock;
    this.runner =
        new RolloutRunner(
            new CapiLevels(fleet.management()), fleet.nodes(), records, clock, nodeTimeout);
  }

  /** One step of every rollout in motion. */
  void tick() {
    Source now = source.get();
    if (now.catalog().rollouts().isEmpty()) {
      return;
    }
    runner.tick(fleetNow(now));
  }

  /** How long a board is answered again without reading the clusters again. */
  static final Duration BOARD_FRESH_FOR = Duration.ofSeconds(2);

  private RolloutStatus.Board lastBoard;
  private Instant lastBoardAt = Instant.EPOCH;

  /**
   * The board, read at most once per {@link #BOARD_FRESH_FOR} however many ask (one reading at a
   * time): each reading asks the management cluster and every cluster of every rollout.
   */
  synchronized RolloutStatus.Board board() {
    Instant now = clock.instant();
    if (lastBoard != null && now.isBefore(lastBoardAt.plus(BOARD_FRESH_FOR))) {
      return lastBoard;
    }
    lastBoard = readBoard();
    lastBoardAt = now;
    return lastBoard;
  }

  private RolloutStatus.Board readBoard() {
    Source now = source.get();
    List<RolloutStatus.RolloutView> views = new ArrayList<>();
    if (!now.catalog().rollouts().isEmpty()) {
      RolloutRunner.Fleet fleetNow = fleetNow(now);
      for (PatchRollout rollout : now.catalog().rollouts()) {
        views.add(view(rollout, fleetNow));
      }
    }
    for (RolloutRecords.Stored stored : records.all()) {
      if (now.catalog().named(stored.state().rollout()).isEmpty() && !over(stored.state())) {
        views.add(orphanView(stored));
      }
    }
    return new RolloutStatus.Board(
        clock.instant(),
        now.revision(),
        views,
        now.catalog().problems().stream().map(Object::toString).toList());
  }

  /** Whether nothing is left to do or undo: never started, completed, rolled back. */
  private static boolean over(RolloutState state) {
    return state.phase() == RolloutPhase.PENDING
        || state.phase() == RolloutPhase.COMPLETED
        || state.phase() == RolloutPhase.ROLLED_BACK;
  }

  /** A rollout its file no longer declares: what its record says, to see it and roll it back. */
  private RolloutStatus.RolloutView orphanView(RolloutRecords.Stored stored) {
    RolloutState state = stored.state();
    List<RolloutStatus.ClusterView> clusters = new ArrayList<>();
    state
        .clusters()
        .forEach((name, step) -> clusters.add(RolloutViews.cluster(name, step, null, "", null)));
    return new RolloutStatus.RolloutView(
        state.rollout(),
        stored.target().lines().findFirst().orElse(""),
        "halt",
        RolloutStatus.Phase.valueOf(state.phase().name()),
        state.reason(),
        state.since(),
        "(no longer in the config repository)",
        state.wave(),
        null,
        List.of(
            new RolloutStatus.WaveView(
                "reached",
                "the clusters its record holds",
                RolloutStatus.WavePhase.DONE,
                "",
                null,
                null,
                List.of(),
                clusters)),
        records.recent(state.rollout(), RECENT).stream()
            .map(
                s ->
                    new RolloutStatus.StepView(
                        s.at(), s.kind(), s.wave(), s.cluster(), s.message()))
            .toList());
  }

  RolloutStatus.CommandResult command(
      String name, RolloutStatus.Command command, String user, List<String> groups) {
    return command(name, command, java.util.Optional.empty(), user, groups);
  }

  RolloutStatus.CommandResult command(
      String name,
      RolloutStatus.Command command,
      java.util.Optional<String> wave,
      String user,
      List<String> groups) {
    Source now = source.get();
    RolloutRunner.Fleet fleetNow = fleetNow(now);
    RolloutRunner.CommandOutcome outcome =
        runner.command(
            fleetNow,
            name,
            RolloutRunner.Command.valueOf(command.name()),
            wave,
            user,
            Set.copyOf(groups));
    return switch (outcome) {
      case RolloutRunner.CommandOutcome.Unknown u ->
          throw new RolloutStatus.RefusedException(u.reason(), true);
      case RolloutRunner.CommandOutcome.Refused r ->
          throw new RolloutStatus.RefusedException(r.reason(), false);
      case RolloutRunner.CommandOutcome.Done d -> {
        lastBoard = null;
        yield new RolloutStatus.CommandResult(
            true,
            d.message(),
            now.catalog()
                .named(name)
                .map(r -> view(r, fleetNow))
                .orElseGet(() -> orphanView(records.load(name).orElseThrow())));
      }
    };
  }

  synchronized RolloutStatus.Matrix matrix(
      String rollout, String kubernetesVersion, String kernelVersion, String osImage) {
    PatchTarget target = new PatchTarget(kubernetesVersion, kernelVersion, osImage);
    if (rollout != null && !rollout.isBlank()) {
      PatchRollout named =
          source
              .get()
              .catalog()
              .named(rollout)
              .orElseThrow(
                  () ->
                      new RolloutStatus.RefusedException(
                          "no rollout '" + rollout + "' at the synced revision", true));
      target =
          new PatchTarget(
              named.target().kubernetesVersion().orElse(null),
              named.target().kernelVersion().orElse(null),
              named.target().osImage().orElse(null));
    }
    FleetNodes nodes = FleetNodes.read(fleet.directory(), fleet.nodes());
    PatchMatrix matrix =
        PatchMatrix.of(nodes.listings(), target, nodes.notRead()).filter(MatrixFilter.ALL);
    return RolloutViews.matrix(matrix, clock.instant());
  }

  /**
   * The reader of the patch matrix for a report, judged against the rollout's target or the
   * versions given.
   *
   * @throws IllegalArgumentException when both are given, or the rollout is not at the synced
   *     revision
   */
  io.fleetgate.report.patch.MatrixReader reportMatrix(
      String rollout, String kubernetesVersion, String kernelVersion, String osImage) {
    PatchTarget target = new PatchTarget(kubernetesVersion, kernelVersion, osImage);
    if (rollout == null || rollout.isBlank()) {
      return new FleetMatrixReader(
          fleet.directory(), fleet.nodes(), target, "versions given", clock);
    }
    if (target.names()) {
      throw new IllegalArgumentException(
          "patchTargetRollout names the target; leave out patchKubernetesVersion, patchKernel"
              + " and patchOsImage");
    }
    RolloutCatalog catalog = source.get().catalog();
    PatchRollout named =
        catalog
            .named(rollout)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "patchTargetRollout: no rollout '"
                            + rollout
                            + "' at the synced revision (its rollouts: "
                            + (catalog.rollouts().isEmpty()
                                ? "none"
                                : String.join(
                                    ", ",
                                    catalog.rollouts().stream().map(PatchRollout::name).toList()))
                            + ")"));
    return new FleetMatrixReader(
        fleet.directory(),
        fleet.nodes(),
        new PatchTarget(
            named.target().kubernetesVersion().orElse(null),
            named.target().kernelVersion().orElse(null),
            named.target().osImage().orElse(null)),
        "the target of rollout " + rollout,
        clock);
  }

  private RolloutRunner.Fleet fleetNow(Source now) {
    ClusterDirectory.Discovery discovery = fleet.directory().discover();
    List<SloReading> readings = List.of();
    try {
      readings = slos.readings();
    } catch (RuntimeException e) {
      // Unknown SLOs hold the waves that ask for them.
    }
    return new RolloutRunner.Fleet(
        now.catalog(),
        discovery.clusters(),
        new RolloutGates(readings, slos.slos(), status.clusters()),
        now.revision());
  }

  private RolloutStatus.RolloutView view(PatchRollout rollout, RolloutRunner.Fleet fleetNow) {
    Instant now = clock.instant();
    RolloutRecords.Stored stored =
        records
            .load(rollout.name())
            .orElse(new RolloutRecords.Stored(RolloutState.pending(rollout.name(), now), "", 0));
    RolloutState state = stored.state();
    List<ClusterTarget> targets = fleetNow.clusters().stream().map(ClusterAccess::target).toList();
    WavePlan plan = WavePlan.of(rollout, targets);
    RolloutRunner.Observation seen = runner.observe(rollout, state, fleetNow);
    List<RolloutRecords.Step> steps = records.recent(rollout.name(), 2_000);
    Timings timings = Timings.of(steps);
    List<RolloutStatus.WaveView> waves = new ArrayList<>();
    for (int i = 0; i < plan.waves().size(); i++) {
      waves.add(wave(plan, i, state, seen, fleetNow, timings, now));
    }
    boolean pending = state.phase() == RolloutPhase.PENDING;
    Instant started = timings.started();
    Long took =
        pending || started == null
            ? null
            : Duration.between(started, state.phase().settled() ? state.since() : now).toSeconds();
    return new RolloutStatus.RolloutView(
        rollout.name(),
        rollout.target().describe(),
        rollout.onFailure().word(),
        RolloutStatus.Phase.valueOf(state.phase().name()),
        state.reason(),
        pending ? null : state.since(),
        rollout.declaredAt().toString(),
        state.wave(),
        took,
        waves,
        steps.stream()
            .limit(RECENT)
            .map(
                s ->
                    new RolloutStatus.StepView(
                        s.at(), s.kind(), s.wave(), s.cluster(), s.message()))
            .toList());
  }

  private RolloutStatus.WaveView wave(
      WavePlan plan,
      int index,
      RolloutState state,
      RolloutRunner.Observation seen,
      RolloutRunner.Fleet fleetNow,
      Timings timings,
      Instant now) {
    WavePlan.Planned planned = plan.waves().get(index);
    boolean pending = state.phase() == RolloutPhase.PENDING;
    RolloutStatus.WavePhase phase =
        pending || index > state.wave()
            ? RolloutStatus.WavePhase.QUEUED
            : index < state.wave()
                ? RolloutStatus.WavePhase.DONE
                : RolloutStatus.WavePhase.valueOf(state.waveStatus().name());
    List<RolloutStatus.GateView> gates = new ArrayList<>();
    String heldBy = "";
    for (GateReport report :
        GateReport.of(plan, index, state, seen.engineView(), fleetNow.gates(), now)) {
      RolloutStatus.GateView view = RolloutViews.gate(report, planned, slosOf(fleetNow), now);
      gates.add(view);
      if (heldBy.isEmpty() && view.answer() != RolloutStatus.GateAnswer.OPEN) {
        heldBy = report.gate().word() + ": " + view.reason();
      }
    }
    if (index == state.wave() && !state.reason().isEmpty() && !pending) {
      heldBy = state.reason();
    }
    List<RolloutStatus.ClusterView> clusters = new ArrayList<>();
    for (ClusterTarget cluster : planned.clusters()) {
      String name = cluster.qualifiedName();
      clusters.add(
          RolloutViews.cluster(
              name,
              state.clusters().get(name),
              seen.progress().get(name),
              seen.unreadable().getOrDefault(name, ""),
              timings.took(name)));
    }
    return new RolloutStatus.WaveView(
        planned.wave().name(),
        GateText.settings(planned.wave()),
        phase,
        heldBy,
        index == state.wave() ? state.soakUntil().orElse(null) : null,
        timings.waveTook(planned.wave().name(), now),
        gates,
        clusters);
  }

  private static List<SloReading> slosOf(RolloutRunner.Fleet fleetNow) {
    return fleetNow.gates() instanceof RolloutGates gates ? gates.readings() : List.of();
  }

  /** When things happened, from a rollout's audit steps (newest first). */
  record Timings(
      Instant started,
      Map<String, Instant> clusterStarted,
      Map<String, Instant> clusterDone,
      Map<String, Instant> waveStarted,
      Map<String, Instant> waveDone) {

    static Timings of(List<RolloutRecords.Step> newestFirst) {
      Instant started = null;
      Map<String, Instant> clusterStarted = new HashMap<>();
      Map<String, Instant> clusterDone = new HashMap<>();
      Map<String, Instant> waveStarted = new HashMap<>();
      Map<String, Instant> waveDone = new HashMap<>();
      for (RolloutRecords.Step step : newestFirst.reversed()) {
        switch (step.kind().toUpperCase(Locale.ROOT)) {
          case "STARTED" -> started = started == null ? step.at() : started;
          case "CLUSTER_PATCHING" -> clusterStarted.put(step.cluster(), step.at());
          case "CLUSTER_DONE" -> clusterDone.put(step.cluster(), step.at());
          case "WAVE_STARTED" -> waveStarted.put(step.wave(), step.at());
          case "WAVE_DONE" -> waveDone.put(step.wave(), step.at());
          default -> {
            // Other steps carry no time the board shows.
          }
        }
      }
      return new Timings(started, clusterStarted, clusterDone, waveStarted, waveDone);
    }

    /** From the cluster's patch to done, when both happened in that order. */
    Duration took(String cluster) {
      Instant from = clusterStarted.get(cluster);
      Instant to = clusterDone.get(cluster);
      return from == null || to == null || to.isBefore(from) ? null : Duration.between(from, to);
    }

    Long waveTook(String wave, Instant now) {
      Instant from = waveStarted.get(wave);
      if (from == null) {
        return null;
      }
      Instant to = waveDone.getOrDefault(wave, now);
      return Duration.between(from, to.isBefore(from) ? now : to).toSeconds();
    }
  }

  /** The gate's answer as the API words it. */
  static RolloutStatus.GateAnswer answer(GateReport report) {
    return report
        .answer()
        .map(
            a ->
                switch (a) {
                  case GateAnswer.Open o -> RolloutStatus.GateAnswer.OPEN;
                  case GateAnswer.Held h -> RolloutStatus.GateAnswer.HELD;
                  case GateAnswer.Failing f -> RolloutStatus.GateAnswer.FAILING;
                })
        .orElse(RolloutStatus.GateAnswer.OPEN);
  }

  static String reason(GateReport report) {
    return report
        .answer()
        .map(
            a ->
                switch (a) {
                  case GateAnswer.Open o -> "";
                  case GateAnswer.Held h ->
                      h.reason() + h.until().map(u -> " (until " + u + ")").orElse("");
                  case GateAnswer.Failing f -> f.reason();
                })
        .orElse("");
  }
}
