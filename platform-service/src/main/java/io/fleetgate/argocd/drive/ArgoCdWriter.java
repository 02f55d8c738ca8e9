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
    List<Step> pruneSide = plan.pruneSide();
    boolean prunes = pruneSide.stream().anyMatch(s -> s instanceof Step.Prune);
    boolean heals = byKube.stream().anyMatch(s -> s instanceof Step.CheckDrift c && c.heal());
    Optional<String> refused =
        toSync.isEmpty() && !prunes && !heals ? Optional.empty() : trackingRefusal();
    Optional<Publication> publication = Optional.empty();
    if (refused.isPresent()) {
      toSync.values().forEach(steps -> failAll(steps, refused.get(), results, sink));
    } else if (!toSync.isEmpty()) {
      publication = syncThroughArgo(declared, toSync, results, sink);
    }
    boolean failed = results.values().stream().anyMatch(r -> r.action() == Action.FAILED);
    // Refused, the run writes nothing at all: drift is reported, not healed, since a healed object
    // carrying an instance label could be claimed by another Application as readily as a synced
    // one.
    List<Step> asked = new ArrayList<>(byKube);
    List<Step> rest =
        refused.isEmpty() ? new ArrayList<>(byKube) : new ArrayList<>(withoutHeals(byKube));
    Optional<String> kept =
        refused.isPresent()
            ? refused.map(why -> "kept: " + why)
            : failed
                ? Optional.of(Step.Reason.APPLY_FAILED.message())
                : repin(declared, applySide, pruneSide, held(plan), toSync.keySet(), publication);
    if (kept.isEmpty()) {
      asked.addAll(pruneSide);
      rest.addAll(pruneSide);
    }
    List<ObjectResult> fromKube = kube.execute(new SyncPlan(rest, plan.halted()), sink);
    for (int i = 0; i < rest.size(); i++) {
      results.put(asked.get(i), fromKube.get(i));
    }
    if (kept.isPresent()) {
      List<Executed> left = new ArrayList<>();
      for (Step step : pruneSide) {
        ObjectResult result = KeptPrune.of(step, kept.get());
        results.put(step, result);
        left.add(new Executed(step, result));
      }
      if (!left.isEmpty()) {
        sink.accept(left);
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

  /**
   * Why nothing may be synced through this Argo CD, read afresh each run: it does not track objects
   * by its annotation, so a manifest's instance label could tie an object to another Application
   * (one of another bundle, cluster or team), which would then take it over or prune it; or its
   * tracking method cannot be read. Empty when it tracks by annotation.
   */
  private Optional<String> trackingRefusal() {
    io.fleetgate.argocd.TrackingMethod method;
    try {
      method = argo.applications().trackingMethod();
    } catch (RuntimeException e) {
      return Optional.of(
          "Argo CD's resource tracking method could not be read ("
              + e.getMessage()
              + "), and Fleetgate syncs only through an Argo CD that tracks by annotation");
    }
    if (method.byAnnotation()) {
      return Optional.empty();
    }
    return Optional.of(
        "Argo CD tracks resources "
            + (method == io.fleetgate.argocd.TrackingMethod.LABEL
                ? "by label"
                : "by a method Fleetgate does not know")
            + " (application.resourceTrackingMethod in argocd-cm), so a manifest's instance label"
            + " could tie an object to another Application; set it to annotation, Argo CD v3's"
            + " default, and the next sync goes through");
  }

  private static List<Step> withoutHeals(List<Step> steps) {
    return steps.stream()
        .map(
            step ->
                step instanceof Step.CheckDrift c && c.heal()
                    ? new Step.CheckDrift(c.object(), false, c.force())
                    : step)
        .toList();
  }

  /** The cluster's rendered tree as published on this run, and the commit that holds it. */
  private record Publication(RenderedTree tree, String commit) {}

  private Publication publish(List<DesiredObject> declared) {
    RenderedTree tree = RenderedTree.of(target, declared);
    return new Publication(tree, argo.trees().publish(tree, sourceCommit).commit());
  }

  /**
   * Before anything is pruned, moves every Application of the cluster off rendered commits that
   * still hold objects this run removes from a bundle: each bundle with objects is pinned to this
   * run's tree (without a sync; published for the purpose when nothing was applied), and a bundle
   * left with none loses its Application (never its objects). Otherwise a sync started in Argo CD
   * would bring pruned objects back, or re-apply an object another bundle has adopted. Denied
   * bundles are not in the tree and keep their last validated commit.
   *
   * @param held bundles denied, or with objects left in place for a reason
   * @param synced bundles already pinned to this run's tree by their sync
   * @return why the prunes are kept, when an Application could not be moved
   */
  private Optional<String> repin(
      List<DesiredObject> declared,
      List<Step> applySide,
      List<Step> pruneSide,
      java.util.Set<String> held,
      java.util.Set<String> synced,
      Optional<Publication> published) {
    java.util.SortedSet<String> remaining = new java.util.TreeSet<>();
    declared.forEach(o -> remaining.add(o.bundle()));
    // A bundle loses its Application only when this run takes its last objects (pruned, or
    // adopted by another bundle) and leaves none of them behind for a reason: a denied bundle, or
    // one whose objects are kept, keeps its Application and its last validated commit.
    java.util.SortedSet<String> emptied = new java.util.TreeSet<>();
    pruneSide.stream().filter(s -> s instanceof Step.Prune).forEach(s -> emptied.add(s.bundle()));
    applySide.stream()
        .filter(s -> s instanceof Step.Adopt)
        .forEach(s -> emptied.add(((Step.Adopt) s).from().bundle()));
    emptied.removeAll(remaining);
    emptied.removeAll(held);
    boolean prunes = pruneSide.stream().anyMatch(s -> s instanceof Step.Prune);
    if (published.isEmpty() && !prunes && emptied.isEmpty()) {
      return Optional.empty();
    }
    String bundle = "";
    try {
      Publication publication = published.isPresent() ? published.get() : publish(declared);
      for (String each : remaining) {
        bundle = each;
        if (!synced.contains(each)) {
          argo.applications().upsert(app(each, publication), "");
        }
      }
      for (String each : emptied) {
        bundle = each;
        argo.applications().remove(app(each, publication));
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          "kept: Argo CD's Application"
              + (bundle.isEmpty() ? "s" : " of bundle " + bundle)
              + " could not be moved off the rendered commit that still holds the object ("
              + e.getMessage()
              + "), and a sync started in Argo CD would bring it back");
    }
  }

  /** Bundles denied by policy, or with objects this run leaves in place for a reason. */
  private static java.util.Set<String> held(SyncPlan plan) {
    java.util.Set<String> held = new java.util.HashSet<>();
    for (Step step : plan.steps()) {
      switch (step) {
        case Step.Blocked b -> held.add(b.bundle());
        case Step.Retain r -> held.add(r.bundle());
        case Step.Release r when r.reason() != Step.Reason.ALREADY_GONE -> held.add(r.bundle());
        default -> {}
      }
    }
    return held;
  }

  private BundleApplication app(String bundle, Publication publication) {
    return BundleApplication.of(
        target, bundle, publication.tree(), argo.repoUrl(), publication.commit());
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
   * The delivery of one bundle, with the Application's sync status and health as Argo CD has it.
   */
  private Delivery delivery(BundleApplication app, String bundle, BundleSync.Done done) {
    int failed = (int) done.results().stream().filter(r -> r.action() == Action.FAILED).count();
    Optional<ApplicationState> state;
    try {
      state =
          Thread.currentThread().isInterrupted()
              ? Optional.empty()
              : argo.applications().state(app.name());
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
