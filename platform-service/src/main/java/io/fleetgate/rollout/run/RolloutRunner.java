package io.fleetgate.rollout.run;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodeSource;
import io.fleetgate.rollout.ClusterStep;
import io.fleetgate.rollout.GateSource;
import io.fleetgate.rollout.PatchRollout;
import io.fleetgate.rollout.RolloutAction;
import io.fleetgate.rollout.RolloutCatalog;
import io.fleetgate.rollout.RolloutCommands;
import io.fleetgate.rollout.RolloutEngine;
import io.fleetgate.rollout.RolloutEvent;
import io.fleetgate.rollout.RolloutPhase;
import io.fleetgate.rollout.RolloutState;
import io.fleetgate.rollout.RolloutTarget;
import io.fleetgate.rollout.WavePlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fleet's rollouts, one step at a time: for each rollout in motion it observes the
 * clusters, asks the engine for the next state, saves it with its audit events in one transaction
 * (only if no command changed it meanwhile), and then declares on each cluster being patched or
 * restored the levels the saved state wants. Writing after saving means a restart between the two
 * leaves a cluster marked as being patched whose objects do not say so yet; the first step after
 * the restart declares them again, since every step declares once what each cluster in flight needs
 * (a write is idempotent).
 */
public final class RolloutRunner {

  private static final Logger log = LoggerFactory.getLogger(RolloutRunner.class);

  /** What a step is taken against: the synced revision's rollouts and the fleet as it is now. */
  public record Fleet(
      RolloutCatalog catalog, List<ClusterAccess> clusters, GateSource gates, String revision) {
    public Fleet {
      clusters = List.copyOf(clusters);
    }
  }

  private final ClusterLevels levels;
  private final NodeSource nodes;
  private final RolloutRecords records;
  private final Clock clock;
  private final Duration nodeTimeout;

  /** By cluster: why declaring its levels failed on the latest write, until one succeeds. */
  private final Map<String, String> writeFailures = new ConcurrentHashMap<>();

  /** By cluster: the levels declared on it since this runner started. */
  private final Map<String, RolloutTarget> declared = new ConcurrentHashMap<>();

  /**
   * @param nodeTimeout how long a node on its new levels may stay not Ready before its cluster's
   *     patch counts as failed
   */
  public RolloutRunner(
      ClusterLevels levels,
      NodeSource nodes,
      RolloutRecords records,
      Clock clock,
      Duration nodeTimeout) {
    this.levels = levels;
    this.nodes = nodes;
    this.records = records;
    this.clock = clock;
    this.nodeTimeout = nodeTimeout;
  }

  /**
   * One step of every rollout in motion (running, paused with clusters in flight, rolling back).
   */
  public List<RolloutState> tick(Fleet fleet) {
    List<RolloutState> stepped = new ArrayList<>();
    List<RolloutRecords.Stored> all = records.all();
    for (RolloutRecords.Stored stored : all) {
      if (!inMotion(stored.state().phase())) {
        continue;
      }
      String name = stored.state().rollout();
      try {
        Optional<PatchRollout> declared = fleet.catalog().named(name);
        if (declared.isPresent()) {
          step(declared.get(), stored, fleet, elsewhere(all, name)).ifPresent(stepped::add);
        } else if (stored.state().phase() == RolloutPhase.ROLLING_BACK) {
          step(orphan(stored), stored, fleet, Map.of()).ifPresent(stepped::add);
        } else {
          halt(
                  stored,
                  fleet,
                  "its file is gone from the config repository at "
                      + fleet.revision()
                      + " (removed, renamed or no longer valid) while it ran; restore the file,"
                      + " or roll it back")
              .ifPresent(stepped::add);
        }
      } catch (RuntimeException e) {
        log.warn("Rollout {}: the step failed and is tried again: {}", name, e.toString());
      }
    }
    return stepped;
  }

  /**
   * What a rollout runs to, as it is kept when it starts: its target and its waves (names, order,
   * clusters, settings, gates). A rollout whose declaration changed while it ran halts.
   */
  public static String runsTo(PatchRollout rollout) {
    StringBuilder plan = new StringBuilder(rollout.target().describe());
    for (io.fleetgate.rollout.Wave wave : rollout.waves()) {
      plan.append("\nwave ")
          .append(wave.name())
          .append(" clusters ")
          .append(wave.clusters().from())
          .append(' ')
          .append(wave.clusters().selector())
          .append(' ')
          .append(wave.clusters().names())
          .append(" parallel ")
          .append(wave.maxParallel())
          .append(" unavailable ")
          .append(wave.maxUnavailableNodes())
          .append(" soak ")
          .append(wave.soak())
          .append(" gates ")
          .append(wave.gates());
    }
    return plan.append("\non failure ").append(rollout.onFailure()).toString();
  }

  /** A rollout known only from its record: enough to roll back what it reached. */
  private static PatchRollout orphan(RolloutRecords.Stored stored) {
    return new PatchRollout(
        stored.state().rollout(),
        new RolloutTarget(Optional.empty(), Optional.empty(), Optional.empty()),
        List.of(),
        io.fleetgate.rollout.FailurePolicy.HALT,
        io.fleetgate.domain.SourceLocation.file("(no longer in the config repository)"));
  }

  /** The clusters other rollouts in motion are changing, with their names. */
  private static Map<String, String> elsewhere(List<RolloutRecords.Stored> all, String self) {
    Map<String, String> busy = new LinkedHashMap<>();
    for (RolloutRecords.Stored other : all) {
      RolloutPhase phase = other.state().phase();
      if (other.state().rollout().equals(self)
          || phase == RolloutPhase.PENDING
          || phase == RolloutPhase.COMPLETED
          || phase == RolloutPhase.ROLLED_BACK) {
        continue;
      }
      other
          .state()
          .clusters()
          .forEach(
              (cluster, step) -> {
                if (step.status() != ClusterStep.Status.RESTORED) {
                  busy.putIfAbsent(cluster, other.state().rollout());
                }
              });
    }
    return busy;
  }

  /** What each cluster of a rollout shows now, as the board and the engine see it. */
  public Observation observe(PatchRollout rollout, RolloutState state, Fleet fleet) {
    WavePlan plan =
        WavePlan.of(rollout, fleet.clusters().stream().map(ClusterAccess::target).toList());
    return observe(plan, state, fleet.clusters(), allClusters(plan, state));
  }

  /**
   * Runs a person's command on a rollout.
   *
   * @param groups the groups the person belongs to (approvals are checked against them)
   */
  public CommandOutcome command(
      Fleet fleet, String name, Command command, String by, Set<String> groups) {
    return command(fleet, name, command, Optional.empty(), by, groups);
  }

  /**
   * @param wave for an approval, the wave the person approves; refused unless it is the current one
   *     (without it, the current wave at the time of the command)
   */
  public CommandOutcome command(
      Fleet fleet,
      String name,
      Command command,
      Optional<String> wave,
      String by,
      Set<String> groups) {
    Optional<PatchRollout> rollout = fleet.catalog().named(name);
    Optional<RolloutRecords.Stored> record = records.load(name);
    if (rollout.isEmpty()
        && record.isPresent()
        && (command == Command.ROLLBACK || command == Command.PAUSE)) {
      rollout = Optional.of(orphan(record.get()));
    }
    if (rollout.isEmpty()) {
      return new CommandOutcome.Unknown(
          "no rollout '"
              + name
              + "' at the synced revision; rollouts: "
              + String.join(
                  ", ", fleet.catalog().rollouts().stream().map(PatchRollout::name).toList()));
    }
    Optional<String> approving = wave;
    if (command == Command.APPROVE && approving.isEmpty()) {
      RolloutState current =
          record
              .map(RolloutRecords.Stored::state)
              .orElse(RolloutState.pending(name, clock.instant()));
      approving =
          Optional.of(
              rollout.get().waves().get(Math.min(current.wave(), lastWave(rollout.get()))).name());
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      Instant now = clock.instant();
      RolloutRecords.Stored stored =
          records
              .load(name)
              .orElse(new RolloutRecords.Stored(RolloutState.pending(name, now), "", 0));
      RolloutState state = stored.state();
      RolloutCommands.Outcome outcome =
          switch (command) {
            case START -> RolloutCommands.start(state, by, now);
            case PAUSE -> RolloutCommands.pause(state, by, now);
            case RESUME ->
                !stored.target().isEmpty() && !stored.target().equals(runsTo(rollout.get()))
                    ? new RolloutCommands.Outcome.Refused(
                        "rollout "
                            + name
                            + " changed in the config repository since it started; restore what"
                            + " it declared then, or roll it back")
                    : RolloutCommands.resume(state, by, now);
            case ROLLBACK -> RolloutCommands.rollBack(state, by, now);
            case APPROVE -> approve(rollout.get(), state, approving.orElseThrow(), by, groups, now);
          };
      if (outcome instanceof RolloutCommands.Outcome.Refused refused) {
        return new CommandOutcome.Refused(refused.reason(), state);
      }
      RolloutCommands.Outcome.Accepted accepted = (RolloutCommands.Outcome.Accepted) outcome;
      String target = command == Command.START ? runsTo(rollout.get()) : stored.target();
      if (records.save(
          accepted.state(),
          target,
          stored.version(),
          RolloutAudit.of(name, fleet.revision(), List.of(accepted.event())))) {
        log.info(
            "Rollout {}: {} by {}", name, command.name().toLowerCase(java.util.Locale.ROOT), by);
        return new CommandOutcome.Done(accepted.event().message(), accepted.state());
      }
    }
    return new CommandOutcome.Refused(
        "rollout " + name + " changed three times while the command was tried; try again",
        records
            .load(name)
            .map(RolloutRecords.Stored::state)
            .orElse(RolloutState.pending(name, clock.instant())));
  }

  /** An approval of the wave the person saw, only while it is the current one. */
  private static RolloutCommands.Outcome approve(
      PatchRollout rollout,
      RolloutState state,
      String wave,
      String by,
      Set<String> groups,
      Instant now) {
    boolean current =
        state.wave() < rollout.waves().size()
            && rollout.waves().get(state.wave()).name().equals(wave);
    if (!current && rollout.waves().stream().anyMatch(w -> w.name().equals(wave))) {
      return new RolloutCommands.Outcome.Refused(
          "wave '"
              + wave
              + "' of rollout "
              + rollout.name()
              + " is not the current one"
              + (state.wave() < rollout.waves().size()
                  ? " ('" + rollout.waves().get(state.wave()).name() + "' is)"
                  : "")
              + "; look at the board again before approving");
    }
    return RolloutCommands.approve(rollout, state, wave, by, groups, now);
  }

  /** The commands people give a rollout. */
  public enum Command {
    START,
    PAUSE,
    RESUME,
    APPROVE,
    ROLLBACK
  }

  /** What a command did. */
  public sealed interface CommandOutcome {

    /** Accepted and recorded. */
    record Done(String message, RolloutState state) implements CommandOutcome {}

    /** Refused; nothing changed. */
    record Refused(String reason, RolloutState state) implements CommandOutcome {}

    /** No such rollout at the synced revision. */
    record Unknown(String reason) implements CommandOutcome {}
  }

  private Optional<RolloutState> step(
      PatchRollout rollout,
      RolloutRecords.Stored stored,
      Fleet fleet,
      Map<String, String> elsewhere) {
    Instant now = clock.instant();
    RolloutState state = stored.state();
    if (!stored.target().isEmpty()
        && !stored.target().equals(runsTo(rollout))
        && state.phase() != RolloutPhase.ROLLING_BACK
        && !rollout.waves().isEmpty()) {
      return halt(stored, fleet, changed(stored.target(), rollout));
    }
    WavePlan plan =
        WavePlan.of(rollout, fleet.clusters().stream().map(ClusterAccess::target).toList());
    Observation seen = observe(plan, state, fleet.clusters(), clustersOfInterest(plan, state));
    RolloutEngine.Step step =
        RolloutEngine.step(plan, state, seen.engineView(), fleet.gates(), now, elsewhere);
    step = intoNextWaves(plan, state, step, fleet, now, elsewhere);
    boolean changed = !step.state().equals(state) || !step.events().isEmpty();
    if (changed
        && !records.save(
            step.state(),
            stored.target(),
            stored.version(),
            RolloutAudit.of(rollout.name(), fleet.revision(), step.events()))) {
      // A command came in between: the next step starts from it.
      return Optional.empty();
    }
    for (RolloutEvent event : step.events()) {
      log.info(
          "Rollout {}: {}{}{}",
          rollout.name(),
          event.kind().name().toLowerCase(java.util.Locale.ROOT),
          event.cluster().isEmpty() ? "" : " " + event.cluster(),
          event.message().isEmpty() ? "" : ": " + event.message());
    }
    declareLevels(plan, step.state(), fleet.clusters(), step.actions());
    return Optional.of(step.state());
  }

  /**
   * A wave that finished in this step lets the next one start in it (the engine moves on at once),
   * but the next wave's clusters were not observed, so the engine could not start them: without
   * their levels from before, none can be rolled back. Observes them and steps again, until the
   * rollout stays in one wave, so that a wave boundary does not cost a whole interval.
   */
  private RolloutEngine.Step intoNextWaves(
      WavePlan plan,
      RolloutState before,
      RolloutEngine.Step step,
      Fleet fleet,
      Instant now,
      Map<String, String> elsewhere) {
    int wave = before.wave();
    while (step.state().phase() == RolloutPhase.RUNNING && step.state().wave() > wave) {
      wave = step.state().wave();
      Observation seen =
          observe(plan, step.state(), fleet.clusters(), clustersOfInterest(plan, step.state()));
      RolloutEngine.Step next =
          RolloutEngine.step(plan, step.state(), seen.engineView(), fleet.gates(), now, elsewhere);
      step =
          new RolloutEngine.Step(
              next.state(),
              concat(step.actions(), next.actions()),
              concat(step.events(), next.events()));
    }
    return step;
  }

  private static <T> List<T> concat(List<T> first, List<T> then) {
    List<T> all = new ArrayList<>(first);
    all.addAll(then);
    return List.copyOf(all);
  }

  /** Why a rollout's declaration no longer is what it started on. */
  private static String changed(String started, PatchRollout now) {
    String before = started.lines().findFirst().orElse("");
    String target = now.target().describe();
    if (!before.equals(target)) {
      return "its target changed in the config repository from "
          + before
          + " to "
          + target
          + " while it ran; restore it, or roll the rollout back";
    }
    return "its waves changed in the config repository (their order, clusters, settings or gates)"
        + " while it ran; restore them, or roll the rollout back";
  }

  private Optional<RolloutState> halt(RolloutRecords.Stored stored, Fleet fleet, String why) {
    RolloutCommands.Outcome outcome = RolloutCommands.halt(stored.state(), why, clock.instant());
    if (!(outcome instanceof RolloutCommands.Outcome.Accepted accepted)) {
      return Optional.empty();
    }
    if (!records.save(
        accepted.state(),
        stored.target(),
        stored.version(),
        RolloutAudit.of(stored.state().rollout(), fleet.revision(), List.of(accepted.event())))) {
      return Optional.empty();
    }
    log.warn("Rollout {} halted: {}", stored.state().rollout(), why);
    return Optional.of(accepted.state());
  }

  /** Declares on every cluster in flight the levels it needs, once since this runner started. */
  private void declareLevels(
      WavePlan plan, RolloutState state, List<ClusterAccess> fleet, List<RolloutAction> asked) {
    Map<String, ClusterTarget> targets = targets(fleet);
    Set<String> askedNow = new java.util.HashSet<>();
    asked.forEach(a -> askedNow.add(a.cluster()));
    state
        .clusters()
        .forEach(
            (cluster, step) -> {
              RolloutTarget wanted =
                  switch (step.status()) {
                    case PATCHING -> plan.rollout().target();
                    case RESTORING -> step.previous().orElse(null);
                    default -> null;
                  };
              ClusterTarget target = targets.get(cluster);
              if (wanted == null || target == null) {
                return;
              }
              String key = state.rollout() + " " + cluster;
              if (!askedNow.contains(cluster) && wanted.equals(declared.get(key))) {
                return;
              }
              ClusterLevels.Written written =
                  levels.write(target, wanted, maxUnavailable(plan, cluster));
              switch (written) {
                case ClusterLevels.Written.Applied applied -> {
                  declared.put(key, wanted);
                  writeFailures.remove(key);
                }
                case ClusterLevels.Written.Conflict conflict -> fail(key, conflict.reason());
                case ClusterLevels.Written.Failed failed -> fail(key, failed.reason());
              }
            });
  }

  private void fail(String cluster, String reason) {
    log.warn("Declaring the levels of {} failed: {}", cluster, reason);
    declared.remove(cluster);
    writeFailures.put(cluster, reason);
  }

  private static int maxUnavailable(WavePlan plan, String cluster) {
    for (WavePlan.Planned wave : plan.waves()) {
      if (wave.clusters().stream().anyMatch(c -> c.qualifiedName().equals(cluster))) {
        return wave.wave().maxUnavailableNodes();
      }
    }
    return 1;
  }

  /** The current wave's clusters and every cluster the rollout reached that is not settled. */
  private static List<String> clustersOfInterest(WavePlan plan, RolloutState state) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    if (state.wave() < plan.waves().size() && state.phase() != RolloutPhase.ROLLING_BACK) {
      plan.waves().get(state.wave()).clusters().forEach(c -> names.add(c.qualifiedName()));
    }
    state
        .clusters()
        .forEach(
            (cluster, step) -> {
              if (step.status() != ClusterStep.Status.RESTORED
                  && (step.status() != ClusterStep.Status.DONE
                      || state.phase() == RolloutPhase.ROLLING_BACK)) {
                names.add(cluster);
              }
            });
    return List.copyOf(names);
  }

  private static List<String> allClusters(WavePlan plan, RolloutState state) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    plan.waves().forEach(w -> w.clusters().forEach(c -> names.add(c.qualifiedName())));
    names.addAll(state.clusters().keySet());
    return List.copyOf(names);
  }

  private Observation observe(
      WavePlan plan, RolloutState state, List<ClusterAccess> fleet, List<String> clusters) {
    Map<String, ClusterAccess> access = new LinkedHashMap<>();
    fleet.forEach(a -> access.put(a.target().qualifiedName(), a));
    Instant now = clock.instant();
    Map<String, Future<Seen>> reads = new LinkedHashMap<>();
    try (var readers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String cluster : clusters) {
        ClusterAccess one = access.get(cluster);
        ClusterStep step = state.clusters().get(cluster);
        reads.put(cluster, readers.submit(() -> see(plan, step, one, cluster, now)));
      }
    }
    Map<String, NodeProgress> progress = new LinkedHashMap<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    reads.forEach(
        (cluster, read) -> {
          try {
            switch (read.get()) {
              case Seen.Progress p -> {
                progress.put(cluster, p.progress());
                if (!p.note().isEmpty()) {
                  unreadable.put(cluster, p.note());
                }
              }
              case Seen.Unreadable u -> unreadable.put(cluster, u.reason());
            }
          } catch (ExecutionException e) {
            unreadable.put(cluster, "reading it failed: " + e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreadable.put(cluster, "interrupted");
          }
        });
    return new Observation(progress, unreadable);
  }

  private sealed interface Seen {
    /**
     * @param note why what the cluster declares could not be read, "" when it could
     */
    record Progress(NodeProgress progress, String note) implements Seen {}

    record Unreadable(String reason) implements Seen {}
  }

  private Seen see(
      WavePlan plan, ClusterStep step, ClusterAccess access, String cluster, Instant now) {
    if (access == null) {
      return new Seen.Unreadable("the management cluster does not list it (or its kubeconfig)");
    }
    RolloutTarget target = plan.rollout().target();
    boolean restoring =
        step != null
            && (step.status() == ClusterStep.Status.RESTORING
                || step.status() == ClusterStep.Status.RESTORED);
    RolloutTarget expected = restoring ? step.previous().orElse(target) : target;
    Optional<RolloutTarget> before = step == null ? Optional.empty() : step.previous();
    String declaredProblem = "";
    if (step == null) {
      switch (levels.read(access.target(), target)) {
        case ClusterLevels.Declared.Read read -> before = Optional.of(read.levels());
        case ClusterLevels.Declared.Unreadable u -> declaredProblem = u.reason();
      }
    }
    NodeListing listing = nodes.read(access);
    if (listing instanceof NodeListing.Unreachable unreachable) {
      return new Seen.Unreadable("its nodes cannot be read: " + unreachable.reason());
    }
    NodeProgress progress =
        NodeProgress.of(
            (NodeListing.Listed) listing,
            expected,
            before,
            Optional.ofNullable(writeFailures.get(plan.rollout().name() + " " + cluster)),
            step == null ? now : step.since(),
            nodeTimeout,
            now);
    return new Seen.Progress(progress, declaredProblem);
  }

  private static Map<String, ClusterTarget> targets(List<ClusterAccess> fleet) {
    Map<String, ClusterTarget> targets = new LinkedHashMap<>();
    fleet.forEach(a -> targets.put(a.target().qualifiedName(), a.target()));
    return targets;
  }

  private static int lastWave(PatchRollout rollout) {
    return rollout.waves().size() - 1;
  }

  private static boolean inMotion(RolloutPhase phase) {
    return phase == RolloutPhase.RUNNING
        || phase == RolloutPhase.PAUSED
        || phase == RolloutPhase.ROLLING_BACK;
  }

  /**
   * What the clusters of a rollout show.
   *
   * @param progress by cluster, those read
   * @param unreadable by cluster, why it (or what its Cluster API objects declare) could not be
   *     read
   */
  public record Observation(Map<String, NodeProgress> progress, Map<String, String> unreadable) {

    /** The progress as the engine takes it. */
    public Map<String, io.fleetgate.rollout.ClusterProgress> engineView() {
      Map<String, io.fleetgate.rollout.ClusterProgress> out = new LinkedHashMap<>();
      progress.forEach((c, p) -> out.put(c, p.progress()));
      return out;
    }
  }
}
