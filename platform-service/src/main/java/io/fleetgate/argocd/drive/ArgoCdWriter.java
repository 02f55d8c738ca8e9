package io.fleetgate.argocd.drive;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.Executed;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.apply.Observation;
import io.fleetgate.apply.PlannedChange;
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
  private final Argo argo;

  /**
   * @param kube the Kubernetes writer of the same cluster: reads, drift checks and prunes
   */
  ArgoCdWriter(ClusterWriter kube, ClusterTarget target, Argo argo) {
    this.kube = kube;
    this.target = target;
    this.argo = argo;
  }

  /** Argo CD, the rendered repository, and how long a sync may run. */
  record Argo(
      ArgoApplications applications, RenderedTrees trees, String repoUrl, SyncWait syncWait) {}

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
    if (!toSync.isEmpty()) {
      syncThroughArgo(declared, toSync, results, sink);
    }
    boolean failed = results.values().stream().anyMatch(r -> r.action() == Action.FAILED);
    List<Step> rest = new ArrayList<>(byKube);
    List<Step> pruneSide = plan.pruneSide();
    if (!failed) {
      rest.addAll(pruneSide);
    }
    List<ObjectResult> fromKube = kube.execute(new SyncPlan(rest, plan.halted()), sink);
    for (int i = 0; i < rest.size(); i++) {
      results.put(rest.get(i), fromKube.get(i));
    }
    if (failed) {
      List<Executed> kept = new ArrayList<>();
      for (Step step : pruneSide) {
        ObjectResult result = KeptPrune.of(step);
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

  private void syncThroughArgo(
      List<DesiredObject> declared,
      Map<String, List<Step>> toSync,
      Map<Step, ObjectResult> results,
      ExecutionSink sink) {
    RenderedTree tree;
    RenderedTrees.Published published;
    try {
      tree = RenderedTree.of(target, declared);
      published = argo.trees().publish(tree, "");
    } catch (RenderedTreeException | RenderedTrees.PublishException e) {
      toSync.values().forEach(steps -> failAll(steps, e.getMessage(), results, sink));
      return;
    }
    for (var bundle : toSync.entrySet()) {
      List<Step> steps = bundle.getValue();
      if (Thread.currentThread().isInterrupted()) {
        failAll(steps, "cut off before Argo CD synced bundle " + bundle.getKey(), results, sink);
        continue;
      }
      BundleApplication app =
          BundleApplication.of(target, bundle.getKey(), tree, argo.repoUrl(), published.commit());
      List<Executed> batch = new ArrayList<>();
      for (ObjectResult result :
          new BundleSync(argo.applications(), argo.syncWait(), app).run(steps)) {
        Step step = steps.get(batch.size());
        results.put(step, result);
        batch.add(new Executed(step, result));
      }
      sink.accept(batch);
    }
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
