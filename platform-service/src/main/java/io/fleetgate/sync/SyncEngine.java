package io.fleetgate.sync;

import io.fleetgate.apply.ClusterWriters;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.Revision;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.openreports.ReportPublishing;
import io.fleetgate.policy.GateResult;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.Renderer;
import io.fleetgate.source.SourceException;
import io.fleetgate.source.SourceFetcher;
import io.fleetgate.store.SyncRuns;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Syncs the fleet to the config repository: fetch once, then every targeted cluster's reconcile
 * ({@link ClusterReconciler}) on its own virtual thread, each held to the reconcile deadline
 * ({@link ClusterRuns}), so a cluster that fails or hangs never holds back the others.
 */
public final class SyncEngine {

  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
  private static final io.micrometer.core.instrument.Timer FETCH =
      io.micrometer.core.instrument.Timer.builder("fleetgate.git.fetch")
          .description("Fetching the config repository")
          .register(io.micrometer.core.instrument.Metrics.globalRegistry);

  /** Clusters of the sync in progress still waiting for or in reconciliation. */
  private static final AtomicInteger QUEUE =
      io.micrometer.core.instrument.Metrics.globalRegistry.gauge(
          "fleetgate.sync.queue", new AtomicInteger());

  private final SourceFetcher source;
  private final ClusterDirectory directory;
  private final Renderer renderer;
  private final AuditLog audit;
  private final SyncRuns runs;
  private final Inventory inventory;
  private final ClusterReconciler reconciler;
  private final ClusterRuns clusterRuns;

  /** Plans' cluster runs: apart from syncs', so that a plan never waits for a sync's reconcile. */
  private final ClusterRuns previews;

  private final Set<String> rekeyed = ConcurrentHashMap.newKeySet();
  private final Clock clock;
  private final java.time.Duration retention;
  private volatile java.time.Instant nextRetention = java.time.Instant.MIN;
  private volatile LoadedRepo lastLoaded;

  /** What the engine works with; the composition root builds one. */
  public record Parts(
      SourceFetcher source,
      ClusterDirectory directory,
      Renderer renderer,
      PolicyGate gate,
      ClusterWriters writers,
      Inventory inventory,
      AuditLog audit,
      SyncRuns runs,
      Clock clock,
      ReportPublishing reports,
      java.time.Duration retention,
      java.time.Duration reconcileDeadline) {

    /** How long run records are kept by default: more than the year PCI-DSS asks for. */
    public static final java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(400);
  }

  public SyncEngine(Parts parts) {
    this.source = parts.source();
    this.directory = parts.directory();
    this.renderer = parts.renderer();
    this.audit = parts.audit();
    this.runs = parts.runs();
    this.inventory = parts.inventory();
    this.clock = parts.clock();
    this.retention = parts.retention();
    List<Phase> planning =
        List.of(
            new RenderPhase(parts.renderer()),
            new ValidatePhase(parts.gate(), parts.audit(), parts.runs(), parts.clock()),
            new PlanPhase(parts.writers(), parts.inventory(), parts.clock()));
    List<Phase> all = new ArrayList<>(planning);
    all.add(new ApplyPhase(parts.inventory()));
    all.add(new ObservePhase());
    this.reconciler =
        new ClusterReconciler(
            all, planning, new RecordPhase(parts.audit(), parts.runs(), parts.reports()));
    this.clusterRuns =
        new ClusterRuns(reconciler, parts.writers(), parts.reconcileDeadline(), ClusterRuns.GRACE);
    this.previews =
        new ClusterRuns(reconciler, parts.writers(), parts.reconcileDeadline(), ClusterRuns.GRACE);
  }

  /**
   * Fetches, then syncs every targeted cluster.
   *
   * @throws SourceException when the repository cannot be fetched and there is no earlier copy, or
   *     it names no branch to follow
   */
  public SyncReport syncOnce(SyncOptions options) throws SourceException {
    // The clusters are discovered while the repository is fetched: neither needs the other.
    var discovering =
        java.util.concurrent.CompletableFuture.supplyAsync(
            directory::discover, task -> Thread.ofVirtual().name("discovery").start(task));
    Fetched fetched;
    try {
      fetched = fetch();
    } catch (SourceException | RuntimeException e) {
      discovering.cancel(true);
      throw e;
    }
    SourceState state = fetched.state();
    MDC.put("revision", state.revision().shortCommit());
    try {
      ClusterDirectory.Discovery discovery = discovered(discovering);
      List<ClusterAccess> targets = targets(discovery, options);
      if (!(state instanceof SourceState.Fresh)) {
        keep(state, targets, options);
        return new SyncReport(state, List.of(), discovery.problems());
      }
      Revision revision = state.revision();
      long run = 0;
      if (!options.dryRun()) {
        run = runs.start(revision.commit(), false, source.describe());
        runs.recordRevision(revision);
        audit.append(
            List.of(
                new AuditEvent(
                    "fetch",
                    "",
                    "",
                    revision.commit(),
                    "",
                    "fetched",
                    source.describe() + " by " + revision.author() + ": " + revision.message())));
        rekeyLegacyInventory(discovery.clusters());
      }
      LoadedRepo repo = renderer.load(fetched.worktree());
      if (!options.dryRun()) {
        lastLoaded = repo;
        // Before any cluster is planned, whatever becomes of each: a cluster that is unreachable
        // now still judges a bundle removed later by the setting it had here.
        inventory.rememberPruning(PlanPhase.changedPruning(repo.spec(), inventory.pruning()));
      }
      List<ClusterOutcome> outcomes = syncAll(targets, repo, revision, options, run);
      if (!options.dryRun()) {
        if (outcomes.stream().noneMatch(o -> o instanceof ClusterOutcome.Stalled)) {
          runs.recordGoodCommit(source.describe(), revision.commit());
        }
        runs.finish(run);
        forgetOldRuns();
      }
      return new SyncReport(state, outcomes, discovery.problems());
    } finally {
      MDC.remove("revision");
    }
  }

  /** The discovery's result, or the exception it failed with, as {@code discover()} threw it. */
  private static ClusterDirectory.Discovery discovered(
      java.util.concurrent.CompletableFuture<ClusterDirectory.Discovery> discovering) {
    try {
      return discovering.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** The fetch phase's result: what the source gave, and the working tree it is checked out in. */
  private record Fetched(SourceState state, java.nio.file.Path worktree) {}

  private Fetched fetch() throws SourceException {
    long started = System.nanoTime();
    SourceFetcher.Fetch fetch = source.fetch();
    FETCH.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    SourceState state =
        switch (fetch) {
          case SourceFetcher.Fetch.Stale s -> new SourceState.Stale(s.revision(), s.reason());
          case SourceFetcher.Fetch.Refused r -> new SourceState.Refused(r.revision(), r.reason());
          case SourceFetcher.Fetch.Fresh f -> new SourceState.Fresh(f.revision());
        };
    return new Fetched(state, fetch.worktree());
  }

  /** Deletes run records past the retention period, at most once a day. */
  private void forgetOldRuns() {
    java.time.Instant now = clock.instant();
    if (now.isBefore(nextRetention)) {
      return;
    }
    nextRetention = now.plus(java.time.Duration.ofDays(1));
    int forgotten = runs.forgetRunsBefore(now.minus(retention));
    if (forgotten > 0) {
      log.info("Deleted {} sync runs older than {} days", forgotten, retention.toDays());
    }
  }

  /** The repository as the latest sync read it: its fleet spec and waivers. */
  public Optional<LoadedRepo> lastRepository() {
    return Optional.ofNullable(lastLoaded);
  }

  /**
   * Plans a sync without changing anything or recording it: render, validate, plan and, per object,
   * a server-side dry run against the live object.
   */
  public List<ClusterPlan> plan(SyncOptions options) throws SourceException {
    return preview(options).plan();
  }

  /**
   * The part of a plan that reads the working copy: fetch, then render and validate for every
   * targeted cluster. Nothing is asked of a cluster yet, so a caller that keeps others off the
   * working copy meanwhile ({@code serve}) holds them off for that part only.
   */
  public Preview preview(SyncOptions options) throws SourceException {
    Fetched fetched = fetch();
    SourceState state = fetched.state();
    LoadedRepo repo = renderer.load(fetched.worktree());
    List<ClusterScope> scopes = new ArrayList<>();
    for (ClusterAccess access : targets(directory.discover(), options)) {
      ClusterScope scope =
          new ClusterScope(
              access, repo, state.revision(), SyncOptions.previewOf(access.target().name()), 0);
      reconciler.plan(scope, false);
      scopes.add(scope);
    }
    return new Preview(scopes);
  }

  /** A plan rendered and validated from the working copy, to be completed by the clusters. */
  public final class Preview {
    private final List<ClusterScope> scopes;

    private Preview(List<ClusterScope> scopes) {
      this.scopes = scopes;
    }

    /**
     * Asks each cluster what applying would change, each on its own thread and held to the
     * reconcile deadline like a reconcile (a frozen API server is cut off, not waited for); reads
     * nothing from the working copy.
     */
    public List<ClusterPlan> plan() {
      List<ClusterScope> asking = scopes.stream().filter(scope -> !scope.ended()).toList();
      previews.reconcileAll(asking, SyncEngine.this::planOnCluster);
      List<ClusterPlan> plans = new ArrayList<>();
      for (ClusterScope scope : scopes) {
        plans.add(planOf(scope));
      }
      plans.sort(Comparator.comparing(ClusterPlan::cluster));
      return plans;
    }
  }

  private ClusterOutcome planOnCluster(ClusterScope scope) {
    try {
      reconciler.plan(scope, true);
    } catch (RuntimeException e) {
      if (scope.deadlinePassed() == null) {
        log.error("Planning {} failed unexpectedly", scope.cluster(), e);
        scope.end(
            ClusterOutcome.stalled(scope.target(), "unexpected error planning: " + e.getMessage()));
      }
    }
    scope.endPhases();
    return scope.outcome;
  }

  private static ClusterPlan planOf(ClusterScope scope) {
    String cluster = scope.cluster();
    GateResult gate = scope.gate == null ? new GateResult(List.of()) : scope.gate;
    // A plan cut off at its deadline may still be running: only the cut is read from it.
    ClusterOutcome cut = scope.deadlinePassed();
    ClusterOutcome outcome = cut != null ? cut : scope.outcome;
    return switch (outcome) {
      case null -> new ClusterPlan(cluster, List.of(), gate, scope.writer.preview(scope.plan), "");
      case ClusterOutcome.Stalled s -> new ClusterPlan(cluster, problems(s), gate, List.of(), "");
      case ClusterOutcome.Unreachable u ->
          new ClusterPlan(cluster, List.of(), gate, List.of(), u.reason());
      case ClusterOutcome.Waiting w ->
          new ClusterPlan(cluster, List.of(), gate, List.of(), w.reason());
      default -> new ClusterPlan(cluster, List.of(), gate, List.of(), "");
    };
  }

  /** A stall's problems, or its reason as one when it has none (a halted plan). */
  private static List<io.fleetgate.render.RenderProblem> problems(ClusterOutcome.Stalled stalled) {
    if (!stalled.problems().isEmpty()) {
      return stalled.problems();
    }
    return List.of(
        new io.fleetgate.render.RenderProblem(
            io.fleetgate.domain.SourceLocation.file("."), stalled.reason()));
  }

  private static List<ClusterAccess> targets(
      ClusterDirectory.Discovery discovery, SyncOptions options) {
    return discovery.clusters().stream()
        .filter(c -> options.cluster().map(c.target().name()::equals).orElse(true))
        .toList();
  }

  /** The source is stale or refused: every cluster keeps what it runs, and that is recorded. */
  private void keep(SourceState state, List<ClusterAccess> targets, SyncOptions options) {
    String reason =
        switch (state) {
          case SourceState.Stale s -> s.reason();
          case SourceState.Refused r -> r.reason();
          case SourceState.Fresh f -> "";
        };
    log.warn(
        "Source is {} ({}); keeping what every cluster runs, pruning nothing",
        state.word(),
        reason);
    if (options.dryRun()) {
      return;
    }
    Revision revision = state.revision();
    long run = runs.start(revision.commit(), true, source.describe());
    List<AuditEvent> events = new ArrayList<>();
    events.add(new AuditEvent("fetch", "", "", revision.commit(), "", state.word(), reason));
    for (ClusterAccess target : targets) {
      events.add(
          new AuditEvent(
              "sync",
              target.target().name(),
              "",
              revision.commit(),
              "",
              state.word(),
              "kept the last applied revision; nothing applied or pruned"));
    }
    audit.append(events);
    runs.finish(run);
  }

  /**
   * Inventories recorded before clusters were keyed by {@code namespace/name} move to their key,
   * for every cluster whose name is unique in the fleet (once per process).
   */
  private void rekeyLegacyInventory(List<ClusterAccess> clusters) {
    Map<String, Integer> names = new HashMap<>();
    clusters.forEach(c -> names.merge(c.target().name(), 1, Integer::sum));
    for (ClusterAccess cluster : clusters) {
      String key = cluster.target().qualifiedName();
      if (names.get(cluster.target().name()) == 1 && rekeyed.add(key)) {
        inventory.rekey(cluster.target().name(), key);
      }
    }
  }

  private List<ClusterOutcome> syncAll(
      List<ClusterAccess> targets,
      LoadedRepo repo,
      Revision revision,
      SyncOptions options,
      long run) {
    List<ClusterScope> scopes =
        targets.stream()
            .map(target -> new ClusterScope(target, repo, revision, options, run))
            .toList();
    List<ClusterOutcome> outcomes = new ArrayList<>(clusterRuns.reconcileAll(scopes, this::timed));
    outcomes.sort(Comparator.comparing(ClusterOutcome::cluster).thenComparing(ClusterOutcome::key));
    return outcomes;
  }

  private ClusterOutcome timed(ClusterScope scope) {
    long started = System.nanoTime();
    QUEUE.incrementAndGet();
    ClusterOutcome outcome;
    try {
      outcome = reconciler.reconcile(scope);
    } finally {
      QUEUE.decrementAndGet();
    }
    io.micrometer.core.instrument.Timer.builder("fleetgate.reconcile")
        .description("Reconciling one cluster: render, validate, plan, apply, observe, record")
        .tag("cluster", scope.cluster())
        .tag("outcome", outcome.word())
        .register(io.micrometer.core.instrument.Metrics.globalRegistry)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    return outcome;
  }
}
