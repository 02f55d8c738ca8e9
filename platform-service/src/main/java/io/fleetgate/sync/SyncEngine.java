package io.fleetgate.sync;

import io.fleetgate.apply.ApplierFactory;
import io.fleetgate.apply.ApplyPolicy;
import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ClusterApplier;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.Revision;
import io.fleetgate.kube.KubeException;
import io.fleetgate.openreports.ReportPublishing;
import io.fleetgate.policy.GateResult;
import io.fleetgate.policy.PolicyCompileException;
import io.fleetgate.policy.PolicyContext;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.RenderProblem;
import io.fleetgate.render.RenderResult;
import io.fleetgate.render.Renderer;
import io.fleetgate.source.SourceException;
import io.fleetgate.source.SourceFetcher;
import io.fleetgate.store.SyncRuns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Syncs the fleet to the config repository's branch tip, one cluster per virtual thread. */
public final class SyncEngine {

  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
  private static final io.micrometer.core.instrument.Timer FETCH =
      io.micrometer.core.instrument.Timer.builder("fleetgate.git.fetch")
          .description("Fetching the config repository")
          .register(io.micrometer.core.instrument.Metrics.globalRegistry);

  /** Clusters of the sync in progress still waiting for or in reconciliation. */
  private static final java.util.concurrent.atomic.AtomicInteger QUEUE =
      io.micrometer.core.instrument.Metrics.globalRegistry.gauge(
          "fleetgate.sync.queue", new java.util.concurrent.atomic.AtomicInteger());

  private final SourceFetcher source;
  private final ClusterDirectory directory;
  private final Renderer renderer;
  private final PolicyGate gate;
  private final ApplierFactory appliers;
  private final AuditLog audit;
  private final SyncRuns runs;
  private final java.time.Clock clock;
  private final ReportPublishing reports;
  private volatile LoadedRepo lastLoaded;

  /**
   * @param clock judges waivers' expiry (their last day, in UTC)
   * @param reports whether each cluster gets its policy decisions as OpenReports
   */
  public SyncEngine(
      SourceFetcher source,
      ClusterDirectory directory,
      Renderer renderer,
      PolicyGate gate,
      ApplierFactory appliers,
      AuditLog audit,
      SyncRuns runs,
      java.time.Clock clock,
      ReportPublishing reports) {
    this.clock = clock;
    this.reports = reports;
    this.source = source;
    this.directory = directory;
    this.renderer = renderer;
    this.gate = gate;
    this.appliers = appliers;
    this.audit = audit;
    this.runs = runs;
  }

  /**
   * Fetches, then syncs every targeted cluster.
   *
   * @throws SourceException when the repository cannot be fetched and there is no earlier copy, or
   *     it names no branch to follow
   */
  public SyncReport syncOnce(SyncOptions options) throws SourceException {
    long fetchStarted = System.nanoTime();
    SourceFetcher.Fetch fetch = source.fetch();
    FETCH.record(System.nanoTime() - fetchStarted, java.util.concurrent.TimeUnit.NANOSECONDS);
    Revision revision = fetch.revision();
    MDC.put("revision", revision.shortCommit());
    try {
      ClusterDirectory.Discovery discovery = directory.discover();
      List<ClusterAccess> targets =
          discovery.clusters().stream()
              .filter(c -> options.cluster().map(c.target().name()::equals).orElse(true))
              .toList();
      if (fetch instanceof SourceFetcher.Fetch.Stale stale) {
        return stale(revision, stale.reason(), "stale", targets, discovery, options);
      }
      if (fetch instanceof SourceFetcher.Fetch.Refused refused) {
        return stale(revision, refused.reason(), "refused", targets, discovery, options);
      }
      long run = options.dryRun() ? 0 : runs.start(revision.commit(), false, source.describe());
      if (!options.dryRun()) {
        runs.recordRevision(revision);
      }
      if (!options.dryRun()) {
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
      }
      LoadedRepo repo = renderer.load(fetch.worktree());
      if (!options.dryRun()) {
        lastLoaded = repo;
      }
      List<ClusterOutcome> outcomes = syncAll(targets, repo, revision, options);
      if (!options.dryRun()) {
        for (ClusterOutcome outcome : outcomes) {
          runs.recordCluster(run, result(outcome));
          runs.recordObjects(run, outcome.cluster(), objectRecords(outcome));
        }
        if (outcomes.stream().noneMatch(o -> o instanceof ClusterOutcome.Stalled)) {
          runs.recordGoodCommit(source.describe(), revision.commit());
        }
        runs.finish(run);
      }
      return new SyncReport(revision, false, "", outcomes, discovery.problems());
    } finally {
      MDC.remove("revision");
    }
  }

  /** The repository as the latest sync read it: its fleet spec and waivers. */
  public java.util.Optional<LoadedRepo> lastRepository() {
    return java.util.Optional.ofNullable(lastLoaded);
  }

  /**
   * Plans a sync without changing anything or recording it: render, validate and, per object, a
   * server-side dry run against the live object.
   */
  public List<ClusterPlan> plan(SyncOptions options) throws SourceException {
    SourceFetcher.Fetch fetch = source.fetch();
    LoadedRepo repo = renderer.load(fetch.worktree());
    List<ClusterPlan> plans = new ArrayList<>();
    for (ClusterAccess access : directory.discover().clusters()) {
      if (options.cluster().map(name -> !name.equals(access.target().name())).orElse(false)) {
        continue;
      }
      plans.add(planCluster(access, repo, fetch.revision()));
    }
    plans.sort(Comparator.comparing(ClusterPlan::cluster));
    return plans;
  }

  private ClusterPlan planCluster(ClusterAccess access, LoadedRepo repo, Revision revision) {
    String cluster = access.target().name();
    RenderResult render = renderer.render(repo, access.target());
    GateResult empty = new GateResult(List.of());
    if (!render.ok()) {
      return new ClusterPlan(cluster, render.problems(), empty, List.of(), "");
    }
    GateResult verdicts;
    try {
      verdicts = check(render, access, repo, revision);
    } catch (PolicyCompileException e) {
      return new ClusterPlan(cluster, problems(e), empty, List.of(), "");
    }
    Set<String> denied = verdicts.deniedBundles();
    Set<String> prune = new HashSet<>(render.bundles());
    prune.removeAll(denied);
    try {
      ClusterApplier applier = appliers.forCluster(access, true);
      applier.probe();
      List<RenderedObject> allowed =
          render.objects().stream().filter(o -> !denied.contains(o.bundle())).toList();
      return new ClusterPlan(cluster, List.of(), verdicts, applier.plan(allowed, prune), "");
    } catch (KubeException e) {
      return new ClusterPlan(cluster, List.of(), verdicts, List.of(), e.getMessage());
    }
  }

  private SyncReport stale(
      Revision revision,
      String reason,
      String word,
      List<ClusterAccess> targets,
      ClusterDirectory.Discovery discovery,
      SyncOptions options) {
    log.warn("Source is {} ({}); keeping what every cluster runs, pruning nothing", word, reason);
    if (!options.dryRun()) {
      long run = runs.start(revision.commit(), true, source.describe());
      List<AuditEvent> events = new ArrayList<>();
      events.add(new AuditEvent("fetch", "", "", revision.commit(), "", word, reason));
      for (ClusterAccess target : targets) {
        events.add(
            new AuditEvent(
                "sync",
                target.target().name(),
                "",
                revision.commit(),
                "",
                word,
                "kept the last applied revision; nothing applied or pruned"));
      }
      audit.append(events);
      runs.finish(run);
    }
    return new SyncReport(revision, true, reason, List.of(), discovery.problems());
  }

  private List<ClusterOutcome> syncAll(
      List<ClusterAccess> targets, LoadedRepo repo, Revision revision, SyncOptions options) {
    List<ClusterOutcome> outcomes = new ArrayList<>();
    QUEUE.addAndGet(targets.size());
    try (ExecutorService clusters = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ClusterOutcome>> pending = new ArrayList<>();
      for (ClusterAccess target : targets) {
        pending.add(clusters.submit(() -> syncCluster(target, repo, revision, options)));
      }
      for (Future<ClusterOutcome> outcome : pending) {
        outcomes.add(outcome.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while syncing the fleet", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "A cluster sync failed unexpectedly: " + e.getCause(), e.getCause());
    }
    outcomes.sort(Comparator.comparing(ClusterOutcome::cluster));
    return outcomes;
  }

  /** fetch (done) → render → validate → apply → record, for one cluster; never throws. */
  private ClusterOutcome syncCluster(
      ClusterAccess access, LoadedRepo repo, Revision revision, SyncOptions options) {
    String cluster = access.target().name();
    MDC.put("cluster", cluster);
    MDC.put("revision", revision.shortCommit());
    ClusterOutcome outcome;
    long started = System.nanoTime();
    try {
      outcome = reconcile(access, repo, revision, options);
    } catch (RuntimeException e) {
      log.error("Sync of {} failed unexpectedly", cluster, e);
      outcome = new ClusterOutcome.Failed(cluster, "unexpected error: " + e, null);
    } finally {
      MDC.remove("cluster");
      QUEUE.decrementAndGet();
    }
    io.micrometer.core.instrument.Timer.builder("fleetgate.reconcile")
        .description("Reconciling one cluster: render, validate, apply, prune, observe")
        .tag("cluster", cluster)
        .tag("outcome", outcome.word())
        .register(io.micrometer.core.instrument.Metrics.globalRegistry)
        .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (!options.dryRun()) {
      audit.append(AuditTrail.of(outcome, revision.commit()));
      switch (outcome) {
        case ClusterOutcome.Synced s -> reports.after(access, revision.commit(), s.gate());
        case ClusterOutcome.Denied d -> reports.after(access, revision.commit(), d.gate());
        default -> {}
      }
    }
    log.info("{}: {} ({})", cluster, outcome.word(), AuditTrail.summary(outcome));
    return outcome;
  }

  private ClusterOutcome reconcile(
      ClusterAccess access, LoadedRepo repo, Revision revision, SyncOptions options) {
    String cluster = access.target().name();
    RenderResult render = renderer.render(repo, access.target());
    if (!render.ok()) {
      return new ClusterOutcome.Stalled(cluster, render.problems());
    }
    GateResult verdicts;
    try {
      verdicts = check(render, access, repo, revision);
    } catch (PolicyCompileException e) {
      return new ClusterOutcome.Stalled(cluster, problems(e));
    }
    Set<String> denied = verdicts.deniedBundles();
    List<RenderedObject> allowed =
        render.objects().stream().filter(o -> !denied.contains(o.bundle())).toList();
    Set<String> prune = new HashSet<>();
    Set<String> selfHeal = new HashSet<>();
    Set<String> respectConflicts = new HashSet<>();
    for (String bundle : render.bundles()) {
      var spec = repo.spec().bundles().stream().filter(b -> b.name().equals(bundle)).findFirst();
      if (spec.map(b -> b.prune()).orElse(true)) {
        prune.add(bundle);
      }
      if (spec.map(b -> b.selfHeal()).orElse(false)) {
        selfHeal.add(bundle);
      }
      if (!spec.map(b -> b.force()).orElse(true)) {
        respectConflicts.add(bundle);
      }
    }
    prune.removeAll(denied);
    ClusterApplier applier;
    try {
      applier = appliers.forCluster(access, options.dryRun());
      applier.probe();
    } catch (KubeException e) {
      return new ClusterOutcome.Failed(cluster, "unreachable: " + e.getMessage(), null);
    }
    ApplyReport report =
        applier.apply(
            allowed, new ApplyPolicy(prune, selfHeal, respectConflicts, options.fullCheck()));
    if (!report.failures().isEmpty()) {
      return new ClusterOutcome.Failed(
          cluster, report.failures().size() + " object(s) rejected", report);
    }
    return denied.isEmpty()
        ? new ClusterOutcome.Synced(cluster, report, verdicts)
        : new ClusterOutcome.Denied(cluster, denied, verdicts, report);
  }

  /** Every object that did not stay unchanged, and every problem or denial, as records. */
  private static List<SyncRuns.ObjectRecord> objectRecords(ClusterOutcome outcome) {
    List<SyncRuns.ObjectRecord> records = new ArrayList<>();
    switch (outcome) {
      case ClusterOutcome.Stalled s ->
          s.problems()
              .forEach(
                  p ->
                      records.add(
                          new SyncRuns.ObjectRecord(
                              "", "", p.location().toString(), "invalid", p.message())));
      case ClusterOutcome.Denied d ->
          d.gate()
              .denials()
              .forEach(
                  v ->
                      v.decision()
                          .denials()
                          .forEach(
                              f ->
                                  records.add(
                                      new SyncRuns.ObjectRecord(
                                          v.object().ref().toString(),
                                          v.object().bundle(),
                                          v.object().source().toString(),
                                          "denied",
                                          f.toString()))));
      default -> {}
    }
    ApplyReport report =
        switch (outcome) {
          case ClusterOutcome.Synced s -> s.report();
          case ClusterOutcome.Denied d -> d.report();
          case ClusterOutcome.Failed f -> f.report();
          case ClusterOutcome.Stalled s -> null;
        };
    if (report != null) {
      for (ObjectResult result : report.results()) {
        if (result.action() != ObjectResult.Action.UNCHANGED) {
          records.add(
              new SyncRuns.ObjectRecord(
                  result.ref().toString(),
                  result.bundle(),
                  result.source(),
                  result.action().word(),
                  result.message()));
        }
      }
    }
    return records;
  }

  private static SyncRuns.ClusterResult result(ClusterOutcome outcome) {
    ApplyReport report =
        switch (outcome) {
          case ClusterOutcome.Synced s -> s.report();
          case ClusterOutcome.Denied d -> d.report();
          case ClusterOutcome.Failed f -> f.report();
          case ClusterOutcome.Stalled s -> null;
        };
    return new SyncRuns.ClusterResult(
        outcome.cluster(),
        outcome.word(),
        (int) ClusterOutcome.count(report, ObjectResult.Action.APPLIED),
        (int) ClusterOutcome.count(report, ObjectResult.Action.UNCHANGED),
        (int) ClusterOutcome.count(report, ObjectResult.Action.PRUNED),
        (int) ClusterOutcome.count(report, ObjectResult.Action.FAILED),
        AuditTrail.summary(outcome));
  }

  private GateResult check(
      RenderResult render, ClusterAccess access, LoadedRepo repo, Revision revision)
      throws PolicyCompileException {
    return gate.check(
        render.objects(),
        new PolicyContext(
            access.target(),
            revision.commit(),
            render.policyParameters(),
            repo.waivers(),
            java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)),
            repo.policies()));
  }

  /** The fleet's own policies cannot be used: a repository problem, like broken YAML. */
  private static List<RenderProblem> problems(PolicyCompileException e) {
    return e.problems().stream().map(p -> new RenderProblem(p.location(), p.message())).toList();
  }
}
