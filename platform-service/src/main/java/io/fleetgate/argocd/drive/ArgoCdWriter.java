package io.fleetgate.argocd.drive;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.Executed;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.apply.Observation;
import io.fleetgate.apply.PlannedChange;
import io.fleetgate.argocd.ApplicationState;
import io.fleetgate.argocd.HealthStatus;
import io.fleetgate.argocd.SyncStatus;
import io.fleetgate.argocd.deploy.ArgoApplications;
import io.fleetgate.argocd.deploy.BundleApplication;
import io.fleetgate.argocd.deploy.RenderedTree;
import io.fleetgate.argocd.deploy.RenderedTreeException;
import io.fleetgate.argocd.deploy.RenderedTrees;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.plan.DesiredObject;
import io.fleetgate.plan.GroupKind;
import io.fleetgate.plan.KindScope;
import io.fleetgate.plan.LiveFacts;
import io.fleetgate.plan.Step;
import io.fleetgate.plan.SyncPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes a plan through Argo CD. The objects of every bundle that passed the gate become the
 * cluster's rendered tree; each bundle with objects to apply or adopt gets its Application pinned
 * to the rendered commit and a sync of exactly those objects, bundle after bundle in apply order,
 * each awaited before the next. Unchanged objects and drift checks go to the Kubernetes writer, as
 * do prunes — only when nothing failed, as with Fleetgate's own writer.
 */
final class ArgoCdWriter implements ClusterWriter {

  private final ClusterWriter kube;
  private final ClusterTarget target;
  private final String sourceCommit;
  private final Argo argo;

  /**
   * @param kube the Kubernetes writer of the same cluster: reads, drift checks and prunes
   * @param sourceCommit the configuration commit being synced, named in the rendered commit
   */
  ArgoCdWriter(ClusterWriter kube, ClusterTarget target, String sourceCommit, Argo argo) {
    this.kube = kube;
    this.target = target;
    this.sourceCommit = sourceCommit;
    this.argo = argo;
  }

  /** Argo CD, the rendered repository, how long a sync may run, and who hears of deliveries. */
  record Argo(
      ArgoApplications applications,
      RenderedTrees trees,
      String repoUrl,
      SyncWait syncWait,
      Deliveries deliveries) {}

  @Override
  public String probe() {
    return kube.probe();
  }

  @Override
  public Map<GroupKind, KindScope> scopes(Collection<TypeName> types) {
    return kube.scopes(types);
  }

  @Override
  public Map<ObjectRef, LiveFacts> inspect(Collection<InventoryEntry> entries) {
    return kube.inspect(entries);
  }

  @Override
  public Observation observe(List<ObjectResult> results) {
    return kube.observe(results);
  }

  @Override
  public List<PlannedChange> preview(SyncPlan plan) {
    return kube.preview(plan);
  }

  @Override
  public List<ObjectResult> execute(SyncPlan plan, ExecutionSink sink) {
    List<Step> applySide =
        plan.applySide().stream().filter(s -> s instanceof Step.Declared).toList();
    List<DesiredObject> declared =
        applySide.stream().map(s -> ((Step.Declared) s).object()).toList();
    Map<String, List<Step>> toSync = new LinkedHashMap<>();
    List<Step> byKube = new ArrayList<>();
    for (Step step : applySide) {
      if (step instanceof Step.Apply || step instanceof Step.Adopt) {
        toSync.computeIfAbsent(step.bundle(), b -> new ArrayList<>()).add(step);
      } else {
        byKube.add(step);
      }
    }
    Map<Step, ObjectResult> results = new LinkedHashMap<>();
    Optional<Publication> publication =
        toSync.isEmpty() ? Optional.empty() : syncThroughArgo(declared, toSync, results, sink);
    boolean failed = results.values().stream().anyMatch(r -> r.action() == Action.FAILED);
    List<Step> rest = new ArrayList<>(byKube);
    List<Step> pruneSide = plan.pruneSide();
    Optional<String> held =
        failed
            ? Optional.of(Step.Reason.APPLY_FAILED.message())
            : moveOffPruned(declared, pruneSide, toSync.keySet(), publication);
    if (held.isEmpty()) {
      rest.addAll(pruneSide);
    }
    List<ObjectResult> fromKube = kube.execute(new SyncPlan(rest, plan.halted()), sink);
    for (int i = 0; i < rest.size(); i++) {
      results.put(rest.get(i), fromKube.get(i));
    }
    if (held.isPresent()) {
      List<Executed> kept = new ArrayList<>();
      for (Step step : pruneSide) {
        ObjectResult result = KeptPrune.of(step, held.get());
        results.put(step, result);
        kept.add(new Executed(step, result));
      }
      if (!kept.isEmpty()) {
        sink.accept(kept);
      }
    }
    List<ObjectResult> ordered = new ArrayList<>();
    for (Step step : plan.steps()) {
      ObjectResult result = results.get(step);
      if (result != null) {
        ordered.add(result);
      }
    }
    return ordered;
  }

  /** The cluster's rendered tree as published on this run, and the commit that holds it. */
  private record Publication(RenderedTree tree, String commit) {}

  private Publication publish(List<DesiredObject> declared) {
    RenderedTree tree = RenderedTree.of(target, declared);
    return new Publication(tree, argo.trees().publish(tree, sourceCommit).commit());
  }

  /**
   * Before anything is pruned, moves each Application whose bundle loses objects off the rendered
   * commit that still holds them: a bundle with objects left is pinned to this run's tree (without
   * a sync), a bundle with none left loses its Application (never its objects). Otherwise a sync
   * started in Argo CD would bring the pruned objects back.
   *
   * @param synced bundles already pinned to this run's tree by their sync
   * @return why the prunes are kept, when an Application could not be moved
   */
  private Optional<String> moveOffPruned(
      List<DesiredObject> declared,
      List<Step> pruneSide,
      java.util.Set<String> synced,
      Optional<Publication> published) {
    java.util.SortedSet<String> bundles = new java.util.TreeSet<>();
    pruneSide.stream()
        .filter(s -> s instanceof Step.Prune)
        .map(Step::bundle)
        .filter(b -> !synced.contains(b))
        .forEach(bundles::add);
    if (bundles.isEmpty()) {
      return Optional.empty();
    }
    java.util.Set<String> remaining =
        declared.stream().map(DesiredObject::bundle).collect(java.util.stream.Collectors.toSet());
    String bundle = bundles.first();
    try {
      Publication publication = published.isPresent() ? published.get() : publish(declared);
      for (String each : bundles) {
        bundle = each;
        BundleApplication app =
            BundleApplication.of(
                target, each, publication.tree(), argo.repoUrl(), publication.commit());
        if (remaining.contains(each)) {
          argo.applications().upsert(app, "");
        } else {
          argo.applications().remove(app);
        }
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          "kept: Argo CD's Application of bundle "
              + bundle
              + " could not be moved off the rendered commit that still holds the object ("
              + e.getMessage()
              + "), and a sync started in Argo CD would bring it back");
    }
  }

  private Optional<Publication> syncThroughArgo(
      List<DesiredObject> declared,
      Map<String, List<Step>> toSync,
      Map<Step, ObjectResult> results,
      ExecutionSink sink) {
    Publication published;
    try {
      published = publish(declared);
    } catch (RenderedTreeException | RenderedTrees.PublishException e) {
      toSync.values().forEach(steps -> failAll(steps, e.getMessage(), results, sink));
      return Optional.empty();
    }
    RenderedTree tree = published.tree();
    for (var bundle : toSync.entrySet()) {
      List<Step> steps = bundle.getValue();
      if (Thread.currentThread().isInterrupted()) {
        failAll(steps, "cut off before Argo CD synced bundle " + bundle.getKey(), results, sink);
        continue;
      }
      BundleApplication app =
          BundleApplication.of(target, bundle.getKey(), tree, argo.repoUrl(), published.commit());
      List<Executed> batch = new ArrayList<>();
      BundleSync.Done done = new BundleSync(argo.applications(), argo.syncWait(), app).run(steps);
      for (ObjectResult result : done.results()) {
        Step step = steps.get(batch.size());
        results.put(step, result);
        batch.add(new Executed(step, result));
      }
      sink.accept(batch);
      argo.deliveries().delivered(delivery(app, bundle.getKey(), done));
    }
    return Optional.of(published);
  }

  /**
   * The Application's state once Argo CD has compared the live state again after a successful sync:
   * right after the operation, its sync status can still be that of the comparison before it. Asked
   * again until Synced, or the settle time has passed and the status is what it is.
   */
  private Optional<ApplicationState> settled(String application, ArgoApplications.Phase phase) {
    Optional<ApplicationState> state = argo.applications().state(application);
    long until = System.nanoTime() + argo.syncWait().settle().toNanos();
    while (phase == ArgoApplications.Phase.SUCCEEDED
        && state.isPresent()
        && state.get().sync() != SyncStatus.SYNCED
        && System.nanoTime() < until) {
      try {
        Thread.sleep(argo.syncWait().poll().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      state = argo.applications().state(application);
    }
    return state;
  }

  /**
   * The delivery of one bundle, with the Application's sync status and health as Argo CD has it.
   */
  private Delivery delivery(BundleApplication app, String bundle, BundleSync.Done done) {
    int failed = (int) done.results().stream().filter(r -> r.action() == Action.FAILED).count();
    Optional<ApplicationState> state;
    try {
      state =
          Thread.currentThread().isInterrupted()
              ? Optional.empty()
              : settled(app.name(), done.phase());
    } catch (RuntimeException e) {
      state = Optional.empty();
    }
    return new Delivery(
        target,
        sourceCommit,
        app.name(),
        bundle,
        app.revision(),
        done.phase(),
        done.results().size() - failed,
        failed,
        state.map(ApplicationState::sync).orElse(SyncStatus.UNKNOWN),
        state.map(ApplicationState::health).orElse(HealthStatus.UNKNOWN));
  }

  private static void failAll(
      List<Step> steps, String reason, Map<Step, ObjectResult> results, ExecutionSink sink) {
    List<Executed> batch = new ArrayList<>();
    for (Step step : steps) {
      ObjectResult result =
          new ObjectResult(step.ref(), step.bundle(), step.source(), Action.FAILED, reason);
      results.put(step, result);
      batch.add(new Executed(step, result));
    }
    sink.accept(batch);
  }
}
