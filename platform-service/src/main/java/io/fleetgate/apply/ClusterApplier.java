package io.fleetgate.apply;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies one cluster's allowed objects and prunes what its bundles no longer declare. */
public final class ClusterApplier {

  public static final String BUNDLE_LABEL = "fleetgate.io/bundle";
  public static final String SOURCE_ANNOTATION = "fleetgate.io/source";
  public static final String HASH_ANNOTATION = "fleetgate.io/content-hash";
  public static final String PRUNE_ANNOTATION = "fleetgate.io/prune";

  private static final Logger log = LoggerFactory.getLogger(ClusterApplier.class);

  /** Requests in flight per cluster; the API server's priority and fairness queues the rest. */
  public static final int PARALLELISM = 16;

  /** Applies recorded in the inventory per transaction. */
  static final int RECORD_BATCH = 256;

  private final ClusterApi api;
  private final Inventory inventory;
  private final String cluster;
  private final io.micrometer.core.instrument.Timer applyLatency;
  private final boolean dryRun;
  private final DesiredObjects objects;

  /**
   * @param dryRun validate every apply on the server (server-side dry run) and report what would be
   *     pruned, changing nothing in the cluster or the inventory
   */
  public ClusterApplier(ClusterApi api, Inventory inventory, String cluster, boolean dryRun) {
    this.applyLatency =
        io.micrometer.core.instrument.Timer.builder("fleetgate.apply")
            .description("Server-side apply of one changed object")
            .tag("cluster", cluster)
            .register(io.micrometer.core.instrument.Metrics.globalRegistry);
    this.api = api;
    this.inventory = inventory;
    this.cluster = cluster;
    this.dryRun = dryRun;
    this.objects = new DesiredObjects(api);
  }

  /** Plans without changing anything; see {@link ClusterPlanner}. */
  public List<PlannedChange> plan(List<RenderedObject> objects, Set<String> prune) {
    return new ClusterPlanner(api, inventory, cluster).plan(objects, prune);
  }

  /**
   * Checks that the cluster's API server answers.
   *
   * @return its Kubernetes version
   * @throws KubeException naming the server and the cause when it does not
   */
  public String probe() {
    return api.serverVersion();
  }

  /**
   * Applies the objects (all from bundles that rendered and passed policy), then prunes, for each
   * bundle in {@code prune}, what the inventory holds and the render no longer declares.
   *
   * @param prune bundles whose leftovers may be deleted; never a bundle that failed to render or
   *     was denied
   */
  public ApplyReport apply(List<RenderedObject> objects, Set<String> prune) {
    return apply(objects, ApplyPolicy.pruning(prune));
  }

  /**
   * As {@link #apply(List, Set)}, and with {@code fullCheck} also compares every object whose
   * content is unchanged with its live state (a server-side dry run against the live object): a
   * difference is drift, reverted for bundles in {@code selfHeal} and reported for the others.
   */
  public ApplyReport apply(List<RenderedObject> objects, ApplyPolicy policy) {
    List<ObjectResult> results = new ArrayList<>();
    Map<String, Map<ObjectRef, InventoryEntry>> applied = new HashMap<>();
    Map<String, Set<ObjectRef>> declared = new HashMap<>();
    List<RenderedObject> ordered = new ArrayList<>(objects);
    ordered.sort((a, b) -> ApplyOrder.APPLY.compare(a.ref(), b.ref()));
    log.info("Applying {} objects to {}", ordered.size(), cluster);
    for (RenderedObject object : ordered) {
      applied.computeIfAbsent(object.bundle(), b -> inventory.applied(cluster, b));
    }
    int start = 0;
    while (start < ordered.size()) {
      int end = chunkEnd(ordered, start);
      List<RenderedObject> chunk = ordered.subList(start, end);
      for (ObjectResult result : applyChunk(chunk, applied, policy)) {
        declared.computeIfAbsent(result.bundle(), b -> new java.util.HashSet<>()).add(result.ref());
        results.add(result);
      }
      start = end;
    }
    for (String bundle : policy.prune()) {
      Map<ObjectRef, InventoryEntry> known =
          applied.computeIfAbsent(bundle, b -> inventory.applied(cluster, b));
      results.addAll(
          pruneLeftovers(bundle, known.values(), declared.getOrDefault(bundle, Set.of())));
    }
    if (dryRun) {
      return new ApplyReport(results);
    }
    HealthObserver observer = new HealthObserver(api);
    return new ApplyReport(results, observer.observe(results), observer.warnings(results));
  }

  /** The end of the run of objects with the same apply rank as the one at {@code start}. */
  private static int chunkEnd(List<RenderedObject> ordered, int start) {
    int rank = ApplyOrder.rank(ordered.get(start).ref());
    int end = start + 1;
    while (end < ordered.size() && ApplyOrder.rank(ordered.get(end).ref()) == rank) {
      end++;
    }
    return end;
  }

  /**
   * Applies one rank's objects with up to {@value #PARALLELISM} requests in flight (the next rank
   * starts only when this one is done, so CRDs and Namespaces exist before what needs them), and
   * records successful applies in the inventory {@value #RECORD_BATCH} at a time. A crash loses at
   * most one batch of records; the next sync applies those objects again, which changes nothing.
   */
  private List<ObjectResult> applyChunk(
      List<RenderedObject> chunk,
      Map<String, Map<ObjectRef, InventoryEntry>> applied,
      ApplyPolicy policy) {
    Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    List<ObjectResult> results = new ArrayList<>(chunk.size());
    Semaphore inFlight = new Semaphore(PARALLELISM);
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ObjectResult>> futures = new ArrayList<>(chunk.size());
      for (RenderedObject object : chunk) {
        futures.add(
            workers.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    return applyOne(object, applied.get(object.bundle()), policy, pending);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      for (Future<ObjectResult> future : futures) {
        results.add(future.get());
        if (results.size() % RECORD_BATCH == 0) {
          record(pending);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while applying to " + cluster, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Applying to " + cluster + " failed unexpectedly: " + e.getCause(), e.getCause());
    } finally {
      record(pending);
    }
    return results;
  }

  /** Records and removes every pending apply, one transaction per bundle. */
  private void record(Queue<Pending> pending) {
    Map<String, List<InventoryEntry>> byBundle = new HashMap<>();
    for (Pending next = pending.poll(); next != null; next = pending.poll()) {
      byBundle.computeIfAbsent(next.bundle(), b -> new ArrayList<>()).add(next.entry());
    }
    byBundle.forEach((bundle, entries) -> inventory.recordApplied(cluster, bundle, entries));
  }

  /** An apply that succeeded and is yet to be recorded in the inventory. */
  private record Pending(String bundle, InventoryEntry entry) {}

  private ObjectResult applyOne(
      RenderedObject object,
      Map<ObjectRef, InventoryEntry> known,
      ApplyPolicy policy,
      Queue<Pending> pending) {
    ObjectRef ref = object.ref();
    try {
      GroupVersionKind gvk = GroupVersionKind.of(object.apiVersion(), ref.kind());
      Map<String, Object> desired = objects.desired(object, gvk);
      ref = new ObjectRef(ref.group(), ref.kind(), DesiredObjects.namespaceOf(desired), ref.name());
      String hash = DesiredObjects.withHash(desired);
      boolean force = !policy.respectConflicts().contains(object.bundle());
      InventoryEntry previous = known.get(ref);
      if (previous != null && previous.contentHash().equals(hash)) {
        if (!policy.fullCheck()) {
          return new ObjectResult(
              ref, object.bundle(), object.source().toString(), ObjectResult.Action.UNCHANGED, "");
        }
        List<String> drift = drift(gvk, ref, desired);
        if (drift.isEmpty()) {
          return new ObjectResult(
              ref, object.bundle(), object.source().toString(), ObjectResult.Action.UNCHANGED, "");
        }
        if (!policy.selfHeal().contains(object.bundle()) || dryRun) {
          return new ObjectResult(
              ref,
              object.bundle(),
              object.source().toString(),
              ObjectResult.Action.DRIFTED,
              String.join("; ", drift));
        }
        api.applyWithoutResult(desired, false, force);
        return new ObjectResult(
            ref,
            object.bundle(),
            object.source().toString(),
            ObjectResult.Action.HEALED,
            String.join("; ", drift));
      }
      if (dryRun) {
        api.applyWithoutResult(desired, true, force);
        return new ObjectResult(
            ref,
            object.bundle(),
            object.source().toString(),
            ObjectResult.Action.APPLIED,
            "dry run");
      }
      long started = System.nanoTime();
      api.applyWithoutResult(desired, false, force);
      applyLatency.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
      pending.add(
          new Pending(
              object.bundle(),
              new InventoryEntry(ref, object.apiVersion(), hash, object.source().toString())));
      return new ObjectResult(
          ref, object.bundle(), object.source().toString(), ObjectResult.Action.APPLIED, "");
    } catch (KubeException e) {
      log.warn("{} rejected {} from {}: {}", cluster, ref, object.source(), e.getMessage());
      return new ObjectResult(
          ref,
          object.bundle(),
          object.source().toString(),
          ObjectResult.Action.FAILED,
          e.getMessage());
    }
  }

  /**
   * How live differs from what applying {@code desired} would make of it; empty when it does not.
   */
  private List<String> drift(GroupVersionKind gvk, ObjectRef ref, Map<String, Object> desired) {
    var live = api.get(gvk, ref.namespace().isEmpty() ? null : ref.namespace(), ref.name());
    if (live.isEmpty()) {
      return List.of("the object was deleted from the cluster");
    }
    return LiveDiff.between(live.get().json(), api.dryRunApply(desired).json());
  }

  private List<ObjectResult> pruneLeftovers(
      String bundle, Collection<InventoryEntry> known, Set<ObjectRef> declared) {
    List<InventoryEntry> leftovers =
        known.stream()
            .filter(entry -> !declared.contains(entry.ref()))
            .sorted((a, b) -> ApplyOrder.PRUNE.compare(a.ref(), b.ref()))
            .toList();
    List<ObjectResult> results = new ArrayList<>();
    for (InventoryEntry entry : leftovers) {
      results.add(pruneOne(bundle, entry));
    }
    return results;
  }

  private ObjectResult pruneOne(String bundle, InventoryEntry entry) {
    ObjectRef ref = entry.ref();
    GroupVersionKind gvk = GroupVersionKind.of(entry.apiVersion(), ref.kind());
    try {
      var live = api.get(gvk, ref.namespace(), ref.name());
      if (live.isPresent()
          && live.get()
              .at("metadata", "annotations", PRUNE_ANNOTATION)
              .map(v -> v.getAsString())
              .orElse("")
              .equals("disabled")) {
        inventory.forget(cluster, bundle, List.of(ref));
        return new ObjectResult(
            ref,
            bundle,
            entry.source(),
            ObjectResult.Action.PROTECTED,
            "left in place: " + PRUNE_ANNOTATION + ": disabled");
      }
      if (dryRun) {
        return new ObjectResult(
            ref, bundle, entry.source(), ObjectResult.Action.PRUNED, "dry run: would be deleted");
      }
      if (live.isPresent()) {
        api.delete(gvk, ref.namespace(), ref.name());
      }
      inventory.forget(cluster, bundle, List.of(ref));
      return new ObjectResult(
          ref,
          bundle,
          entry.source(),
          ObjectResult.Action.PRUNED,
          live.isPresent() ? "" : "already gone");
    } catch (KubeException e) {
      return new ObjectResult(
          ref,
          bundle,
          entry.source(),
          ObjectResult.Action.FAILED,
          "cannot prune: " + e.getMessage());
    }
  }
}
