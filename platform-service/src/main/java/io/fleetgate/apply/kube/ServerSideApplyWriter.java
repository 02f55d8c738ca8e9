package io.fleetgate.apply.kube;

import io.fleetgate.apply.ClusterUnreachableException;
import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.Executed;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.apply.Observation;
import io.fleetgate.apply.PlannedChange;
import io.fleetgate.domain.FleetgateMetadata;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.plan.ApplyOrder;
import io.fleetgate.plan.GroupKind;
import io.fleetgate.plan.KindScope;
import io.fleetgate.plan.LiveFacts;
import io.fleetgate.plan.Step;
import io.fleetgate.plan.SyncPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Executes sync plans against one cluster with server-side apply. */
final class ServerSideApplyWriter implements ClusterWriter {

  private static final Logger log = LoggerFactory.getLogger(ServerSideApplyWriter.class);

  /** Requests in flight per cluster; the API server's priority and fairness queues the rest. */
  static final int PARALLELISM = 16;

  /** Executed steps handed to the sink at a time. */
  static final int BATCH = 256;

  private final ClusterApi api;
  private final String cluster;
  private final boolean dryRun;
  private final io.micrometer.core.instrument.Timer applyLatency;

  /**
   * The cluster's Warning events, read beside the writes of {@link #execute} so that {@link
   * #observe} does not wait for them; null before a plan was executed.
   */
  private volatile java.util.concurrent.CompletableFuture<List<KubeObject>> warnings;

  ServerSideApplyWriter(ClusterApi api, String cluster, boolean dryRun) {
    this.api = api;
    this.cluster = cluster;
    this.dryRun = dryRun;
    this.applyLatency =
        io.micrometer.core.instrument.Timer.builder("fleetgate.apply")
            .description("Server-side apply of one changed object")
            .tag("cluster", cluster)
            .register(io.micrometer.core.instrument.Metrics.globalRegistry);
  }

  @Override
  public String probe() {
    try {
      return api.serverVersion();
    } catch (KubeException e) {
      throw new ClusterUnreachableException(e.getMessage(), e);
    }
  }

  @Override
  public Map<GroupKind, KindScope> scopes(Collection<TypeName> types) {
    Map<GroupKind, KindScope> scopes = new java.util.HashMap<>();
    for (TypeName type : types) {
      GroupVersionKind gvk = GroupVersionKind.of(type.apiVersion(), type.kind());
      GroupKind key = new GroupKind(gvk.group(), gvk.kind());
      if (scopes.containsKey(key)) {
        continue;
      }
      try {
        if (api.serves(gvk)) {
          scopes.put(key, api.namespaced(gvk) ? KindScope.NAMESPACED : KindScope.CLUSTER);
        }
      } catch (KubeException e) {
        log.debug("{} cannot tell the scope of {}: {}", cluster, gvk, e.getMessage());
      }
    }
    return scopes;
  }

  @Override
  public Map<ObjectRef, LiveFacts> inspect(Collection<InventoryEntry> entries) {
    Map<ObjectRef, LiveFacts> facts = new ConcurrentHashMap<>();
    inParallel(
        List.copyOf(entries),
        entry -> {
          try {
            facts.put(
                entry.ref(),
                live(entry).map(ServerSideApplyWriter::facts).orElse(LiveFacts.gone()));
          } catch (KubeException e) {
            log.warn("{} cannot read {} before planning: {}", cluster, entry.ref(), e.getMessage());
          }
          return null;
        });
    return facts;
  }

  private static LiveFacts facts(KubeObject live) {
    GroupKind defines = null;
    var group = live.text("spec", "group");
    var kind = live.text("spec", "names", "kind");
    if ("CustomResourceDefinition".equals(live.text("kind").orElse(""))
        && group.isPresent()
        && kind.isPresent()) {
      defines = new GroupKind(group.get(), kind.get());
    }
    return new LiveFacts(
        true,
        live.label(FleetgateMetadata.BUNDLE_LABEL).orElse(""),
        live.annotation(FleetgateMetadata.PRUNE_ANNOTATION).orElse("").equals("disabled"),
        live.uid(),
        defines);
  }

  private Optional<KubeObject> live(InventoryEntry entry) {
    ObjectRef ref = entry.ref();
    return api.get(
        GroupVersionKind.of(entry.apiVersion(), ref.kind()),
        ref.namespace().isEmpty() ? null : ref.namespace(),
        ref.name());
  }

  @Override
  public List<ObjectResult> execute(SyncPlan plan, ExecutionSink sink) {
    List<Step> applySide =
        plan.applySide().stream().filter(s -> !(s instanceof Step.Blocked)).toList();
    log.info("Applying {} objects to {}", applySide.size(), cluster);
    HealthObserver reader = new HealthObserver(api);
    warnings =
        java.util.concurrent.CompletableFuture.supplyAsync(
            reader::warningEvents,
            task -> Thread.ofVirtual().name("warnings-" + cluster).start(task));
    List<ObjectResult> results = new ArrayList<>(plan.steps().size());
    int start = 0;
    while (start < applySide.size()) {
      int end = rankEnd(applySide, start);
      for (Executed executed : inParallel(applySide.subList(start, end), this::applyStep, sink)) {
        results.add(executed.result());
      }
      start = end;
    }
    boolean failed = results.stream().anyMatch(r -> r.action() == Action.FAILED);
    List<Executed> pruned = new ArrayList<>();
    for (Step step : plan.pruneSide()) {
      Executed executed = new Executed(step, pruneStep(step, failed));
      pruned.add(executed);
      results.add(executed.result());
      if (pruned.size() == BATCH) {
        sink.accept(List.copyOf(pruned));
        pruned.clear();
      }
    }
    if (!pruned.isEmpty()) {
      sink.accept(pruned);
    }
    return results;
  }

  @Override
  public Observation observe(List<ObjectResult> results) {
    HealthObserver observer = new HealthObserver(api);
    var events = warnings;
    warnings = null;
    List<io.fleetgate.apply.ApplyReport.ObjectHealth> health = observer.observe(results);
    List<KubeObject> listed;
    try {
      listed = events == null ? observer.warningEvents() : events.get();
    } catch (InterruptedException e) {
      events.cancel(true);
      Thread.currentThread().interrupt();
      throw new KubeException("Interrupted while listing Warning events", e);
    } catch (java.util.concurrent.ExecutionException e) {
      listed = List.of();
    }
    return new Observation(health, HealthObserver.about(results, listed));
  }

  @Override
  public List<PlannedChange> preview(SyncPlan plan) {
    return new PlanPreview(api).preview(plan);
  }

  /** The end of the run of steps with the same apply rank as the one at {@code start}. */
  private static int rankEnd(List<Step> steps, int start) {
    int rank = ApplyOrder.rank(steps.get(start).ref());
    int end = start + 1;
    while (end < steps.size() && ApplyOrder.rank(steps.get(end).ref()) == rank) {
      end++;
    }
    return end;
  }

  /**
   * Runs one rank's steps with up to {@value #PARALLELISM} requests in flight and hands them to the
   * sink in plan order, {@value #BATCH} at a time, while the rest are still being written.
   *
   * <p>When it ends early — the reconcile cut off at its deadline, a worker failing — no step not
   * yet started is started; the workers are waited for (at most {@link #WORKERS_END}, then
   * interrupted and waited for again), and every step that completed reaches the sink before this
   * throws, so nothing written goes unrecorded.
   */
  private List<Executed> inParallel(
      List<Step> steps, Function<Step, ObjectResult> work, ExecutionSink sink) {
    List<Executed> done = new ArrayList<>(steps.size());
    List<Executed> batch = new ArrayList<>(Math.min(BATCH, steps.size()));
    Rank rank = submit(steps, work);
    int next = 0;
    try {
      for (; next < rank.futures.size(); next++) {
        Executed executed = new Executed(steps.get(next), rank.futures.get(next).get());
        done.add(executed);
        batch.add(executed);
        if (batch.size() == BATCH) {
          sink.accept(List.copyOf(batch));
          batch.clear();
        }
      }
    } catch (InterruptedException e) {
      recordCompleted(rank, steps, next, batch, sink);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while applying to " + cluster, e);
    } catch (ExecutionException e) {
      recordCompleted(rank, steps, next + 1, batch, sink);
      throw new IllegalStateException(
          "Applying to " + cluster + " failed unexpectedly: " + e.getCause(), e.getCause());
    } catch (RuntimeException | Error e) {
      recordCompleted(rank, steps, next, batch, sink);
      throw e;
    }
    rank.workers.close();
    if (!batch.isEmpty()) {
      sink.accept(List.copyOf(batch));
    }
    return done;
  }

  /** How long the workers of a rank cut short are waited for before they are interrupted. */
  static final java.time.Duration WORKERS_END = java.time.Duration.ofSeconds(10);

  /** One rank's workers and their results, in plan order. */
  private record Rank(
      ExecutorService workers,
      List<Future<ObjectResult>> futures,
      java.util.concurrent.atomic.AtomicBoolean stopped) {}

  /**
   * Stops the rank — no step not yet started starts — waits for its workers, and hands the sink,
   * with the batch not yet handed over, every step from {@code from} on that completed.
   */
  private void recordCompleted(
      Rank rank, List<Step> steps, int from, List<Executed> batch, ExecutionSink sink) {
    rank.stopped.set(true);
    rank.workers.shutdown();
    boolean interrupted = Thread.interrupted();
    try {
      if (!rank.workers.awaitTermination(WORKERS_END.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn(
            "{}: writes still in flight {} after the cut; interrupting them", cluster, WORKERS_END);
        rank.workers.shutdownNow();
        if (!rank.workers.awaitTermination(WORKERS_END.toNanos(), TimeUnit.NANOSECONDS)) {
          log.error("{}: writes still in flight after they were interrupted", cluster);
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      rank.workers.shutdownNow();
    }
    List<Executed> completed = new ArrayList<>(batch);
    for (int i = from; i < rank.futures.size(); i++) {
      Future<ObjectResult> future = rank.futures.get(i);
      if (future.state() == Future.State.SUCCESS && future.resultNow() != null) {
        completed.add(new Executed(steps.get(i), future.resultNow()));
      }
    }
    try {
      for (int i = 0; i < completed.size(); i += BATCH) {
        sink.accept(List.copyOf(completed.subList(i, Math.min(completed.size(), i + BATCH))));
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private <T> void inParallel(List<T> items, Function<T, Void> work) {
    Semaphore inFlight = new Semaphore(PARALLELISM);
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (T item : items) {
        workers.submit(
            () -> {
              inFlight.acquire();
              try {
                return work.apply(item);
              } finally {
                inFlight.release();
              }
            });
      }
    }
  }

  /**
   * Starts a worker per step; each waits for one of {@value #PARALLELISM} permits and, unless the
   * rank was stopped meanwhile, does its step (a stopped one answers null, having done nothing).
   */
  private Rank submit(List<Step> steps, Function<Step, ObjectResult> work) {
    Semaphore inFlight = new Semaphore(PARALLELISM);
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<ObjectResult>> futures = new ArrayList<>(steps.size());
    for (Step step : steps) {
      futures.add(
          workers.submit(
              () -> {
                inFlight.acquire();
                try {
                  return stopped.get() ? null : work.apply(step);
                } finally {
                  inFlight.release();
                }
              }));
    }
    workers.shutdown();
    return new Rank(workers, futures, stopped);
  }

  private ObjectResult applyStep(Step step) {
    try {
      return switch (step) {
        case Step.Apply a -> write(a.object(), a.force(), Action.APPLIED, "");
        case Step.Adopt a ->
            write(a.object(), a.force(), Action.ADOPTED, "moved from bundle " + a.from().bundle());
        case Step.Skip s -> result(s, Action.UNCHANGED, "");
        case Step.CheckDrift c -> checkDrift(c);
        default -> throw new IllegalArgumentException("not an apply step: " + step);
      };
    } catch (KubeException e) {
      log.warn("{} rejected {} from {}: {}", cluster, step.ref(), step.source(), e.getMessage());
      return result(step, Action.FAILED, e.getMessage());
    }
  }

  private ObjectResult write(
      io.fleetgate.plan.DesiredObject object, boolean force, Action action, String note) {
    if (dryRun) {
      api.applyWithoutResult(object.content(), true, force);
      return new ObjectResult(object.ref(), object.bundle(), object.source(), action, "dry run");
    }
    long started = System.nanoTime();
    api.applyWithoutResult(object.content(), false, force);
    applyLatency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    return new ObjectResult(object.ref(), object.bundle(), object.source(), action, note);
  }

  private ObjectResult checkDrift(Step.CheckDrift step) {
    var object = step.object();
    GroupVersionKind gvk = GroupVersionKind.of(object.apiVersion(), object.ref().kind());
    var live =
        api.get(
            gvk,
            object.ref().namespace().isEmpty() ? null : object.ref().namespace(),
            object.ref().name());
    List<String> drift =
        live.isEmpty()
            ? List.of("the object was deleted from the cluster")
            : io.fleetgate.kube.LiveDiff.between(
                live.get().json(), api.dryRunApply(object.content()).json());
    if (drift.isEmpty()) {
      return result(step, Action.UNCHANGED, "");
    }
    if (!step.heal() || dryRun) {
      return result(step, Action.DRIFTED, String.join("; ", drift));
    }
    api.applyWithoutResult(object.content(), false, step.force());
    return result(step, Action.HEALED, String.join("; ", drift));
  }

  private ObjectResult pruneStep(Step step, boolean applyFailed) {
    return switch (step) {
      case Step.Prune p when applyFailed ->
          result(p, Action.PROTECTED, Step.Reason.APPLY_FAILED.message());
      case Step.Prune p -> delete(p.entry());
      case Step.Release r when r.reason() == Step.Reason.ALREADY_GONE ->
          result(r, Action.PRUNED, r.reason().message());
      case Step.Release r -> result(r, Action.PROTECTED, r.reason().message());
      case Step.Retain r -> result(r, Action.PROTECTED, r.reason().message());
      default -> throw new IllegalArgumentException("not a prune step: " + step);
    };
  }

  private ObjectResult delete(InventoryEntry entry) {
    if (dryRun) {
      return result(new Step.Prune(entry), Action.PRUNED, "dry run: would be deleted");
    }
    ObjectRef ref = entry.ref();
    try {
      log.info("Pruning {} of bundle {} from {}", ref, entry.bundle(), cluster);
      boolean existed =
          api.delete(
              GroupVersionKind.of(entry.apiVersion(), ref.kind()), ref.namespace(), ref.name());
      return result(new Step.Prune(entry), Action.PRUNED, existed ? "" : "already gone");
    } catch (KubeException e) {
      return result(new Step.Prune(entry), Action.FAILED, "cannot prune: " + e.getMessage());
    }
  }

  private static ObjectResult result(Step step, Action action, String message) {
    return new ObjectResult(step.ref(), step.bundle(), step.source(), action, message);
  }
}
