package io.fleetgate.argocd.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.Executed;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.apply.Observation;
import io.fleetgate.apply.PlannedChange;
import io.fleetgate.argocd.deploy.ArgoApplications;
import io.fleetgate.argocd.deploy.ArgoApplications.Operation;
import io.fleetgate.argocd.deploy.ArgoApplications.Phase;
import io.fleetgate.argocd.deploy.ArgoApplications.ResourceResult;
import io.fleetgate.argocd.deploy.ArgoApplications.ResourceStatus;
import io.fleetgate.argocd.deploy.BundleApplication;
import io.fleetgate.argocd.deploy.RenderedTree;
import io.fleetgate.argocd.deploy.RenderedTrees;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.plan.DesiredObject;
import io.fleetgate.plan.GroupKind;
import io.fleetgate.plan.KindScope;
import io.fleetgate.plan.LiveFacts;
import io.fleetgate.plan.Step;
import io.fleetgate.plan.SyncPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The driver's decisions over fakes of its ports: what reaches Argo CD, Git and the cluster. */
class ArgoCdWriterTest {

  private static final String RENDERED = "c0ffee0000000000000000000000000000000001";
  private static final String SOURCE = "5ce0000000000000000000000000000000000002";
  private static final ClusterTarget BEIJING =
      new ClusterTarget("fleet", "beijing-prod", Map.of(), ClusterPhase.PROVISIONED);

  private static DesiredObject object(String bundle, String name) {
    return new DesiredObject(
        new ObjectRef("", "ConfigMap", "default", name),
        bundle,
        "v1",
        Map.of(
            "apiVersion", "v1",
            "kind", "ConfigMap",
            "metadata", Map.of("name", name, "namespace", "default")),
        "h-" + name,
        "bundles/" + bundle + "/" + name + ".yaml:1");
  }

  private static InventoryEntry entry(String bundle, String name) {
    return new InventoryEntry(
        bundle, new ObjectRef("", "ConfigMap", "default", name), "v1", "h", "bundles/x.yaml:1");
  }

  /** Argo CD as the driver sees it: each sync finishes at once with the scripted outcome. */
  /** What Argo CD and the cluster were asked, in order. */
  private static final ThreadLocal<List<String>> TIMELINE = ThreadLocal.withInitial(ArrayList::new);

  static final class FakeArgo implements ArgoApplications {
    final List<String> timeline = TIMELINE.get();
    final List<BundleApplication> upserts = new ArrayList<>();
    final List<String> syncs = new ArrayList<>();
    Function<List<ObjectRef>, Operation> outcome =
        refs ->
            new Operation(
                "t" + System.nanoTime(),
                Phase.SUCCEEDED,
                RENDERED,
                "successfully synced",
                refs.stream().map(r -> new ResourceResult(r, ResourceStatus.SYNCED, "")).toList());
    final java.util.Map<String, Operation> operations = new java.util.HashMap<>();

    @Override
    public void upsert(BundleApplication application, String namespace) {
      if (upsertFailure != null) {
        throw upsertFailure;
      }
      upserts.add(application);
      timeline.add("upsert " + application.labels().get(BundleApplication.BUNDLE));
    }

    @Override
    public void sync(String application, String revision, Collection<ObjectRef> resources) {
      syncs.add(
          application + "@" + revision + " " + resources.stream().map(ObjectRef::name).toList());
      Operation next = outcome.apply(List.copyOf(resources));
      if (next != null) {
        operations.put(application, next);
      }
    }

    @Override
    public Optional<Operation> operation(String application) {
      return Optional.ofNullable(operations.get(application));
    }

    final List<String> removed = new ArrayList<>();
    final List<String> terminated = new ArrayList<>();
    RuntimeException terminateFailure;

    /** A sync Argo CD accepted but has not taken up; a refresh starts it. */
    Operation pending;

    int refreshes;

    @Override
    public void refresh(String application) {
      refreshes++;
      if (pending != null) {
        operations.put(application, pending);
        pending = null;
      }
    }

    @Override
    public void terminate(String application) {
      if (terminateFailure != null) {
        throw terminateFailure;
      }
      terminated.add(application);
    }

    RuntimeException upsertFailure;

    io.fleetgate.argocd.TrackingMethod tracking = io.fleetgate.argocd.TrackingMethod.ANNOTATION;
    RuntimeException trackingFailure;
    int trackingReads;

    @Override
    public io.fleetgate.argocd.TrackingMethod trackingMethod() {
      trackingReads++;
      if (trackingFailure != null) {
        throw trackingFailure;
      }
      return tracking;
    }

    @Override
    public void remove(BundleApplication application) {
      removed.add(application.name());
      timeline.add("remove " + application.labels().get(BundleApplication.BUNDLE));
    }

    /** Healthy and synced once an operation succeeded; a state that cannot be read throws. */
    RuntimeException stateFailure;

    @Override
    public Optional<io.fleetgate.argocd.ApplicationState> state(String application) {
      if (stateFailure != null) {
        throw stateFailure;
      }
      Operation last = operations.get(application);
      if (last == null) {
        return Optional.empty();
      }
      boolean ok = last.phase() == Phase.SUCCEEDED;
      return Optional.of(
          new io.fleetgate.argocd.ApplicationState(
              ok
                  ? io.fleetgate.argocd.SyncStatus.SYNCED
                  : io.fleetgate.argocd.SyncStatus.OUT_OF_SYNC,
              ok
                  ? io.fleetgate.argocd.HealthStatus.HEALTHY
                  : io.fleetgate.argocd.HealthStatus.DEGRADED,
              last.revision(),
              io.fleetgate.argocd.OperationPhase.SUCCEEDED,
              "",
              List.of()));
    }
  }

  static final class FakeTrees implements RenderedTrees {
    final List<RenderedTree> published = new ArrayList<>();
    final List<String> sourceCommits = new ArrayList<>();
    RuntimeException failure;

    @Override
    public Published publish(RenderedTree tree, String sourceCommit) {
      if (failure != null) {
        throw failure;
      }
      published.add(tree);
      sourceCommits.add(sourceCommit);
      return new Published(RENDERED, true);
    }
  }

  /** The Kubernetes writer: records what it was asked to execute. */
  static final class FakeKube implements ClusterWriter {
    final List<Step> executed = new ArrayList<>();
    final List<String> timeline = TIMELINE.get();

    @Override
    public String probe() {
      return "v1.34.4";
    }

    @Override
    public Map<GroupKind, KindScope> scopes(Collection<TypeName> types) {
      return Map.of();
    }

    @Override
    public Map<ObjectRef, LiveFacts> inspect(Collection<InventoryEntry> entries) {
      return Map.of();
    }

    @Override
    public List<ObjectResult> execute(SyncPlan plan, ExecutionSink sink) {
      List<ObjectResult> results = new ArrayList<>();
      for (Step step : plan.steps()) {
        executed.add(step);
        timeline.add(
            step.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                + " "
                + step.ref().name());
        Action action =
            switch (step) {
              case Step.Prune p -> Action.PRUNED;
              case Step.Skip s -> Action.UNCHANGED;
              default -> Action.UNCHANGED;
            };
        results.add(new ObjectResult(step.ref(), step.bundle(), step.source(), action, "kube"));
      }
      List<Executed> batch = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        batch.add(new Executed(plan.steps().get(i), results.get(i)));
      }
      sink.accept(batch);
      return results;
    }

    @Override
    public Observation observe(List<ObjectResult> results) {
      return Observation.NONE;
    }

    @Override
    public List<PlannedChange> preview(SyncPlan plan) {
      return List.of();
    }
  }

  {
    TIMELINE.get().clear();
  }

  private final FakeArgo argo = new FakeArgo();
  private final FakeTrees trees = new FakeTrees();
  private final FakeKube kube = new FakeKube();
  private final List<Executed> recorded = new ArrayList<>();
  private final List<Delivery> deliveries = new ArrayList<>();

  private List<ObjectResult> execute(Step... steps) {
    ArgoCdWriter writer =
        new ArgoCdWriter(
            kube,
            BEIJING,
            SOURCE,
            new ArgoCdWriter.Argo(
                argo,
                trees,
                "https://git.example/rendered.git",
                new SyncWait(Duration.ofMillis(300), Duration.ofMillis(10)),
                deliveries::add));
    return writer.execute(new SyncPlan(List.of(steps), Optional.empty()), recorded::addAll);
  }

  private static Map<String, Action> actions(List<ObjectResult> results) {
    Map<String, Action> byName = new java.util.LinkedHashMap<>();
    results.forEach(r -> byName.put(r.ref().name(), r.action()));
    return byName;
  }

  @Test
  void appliesAndAdoptionsGoThroughArgoCdAtTheRenderedCommitAndTheRestThroughKubernetes() {
    List<ObjectResult> results =
        execute(
            new Step.Apply(object("baseline", "a"), true, true),
            new Step.Skip(object("baseline", "b")),
            new Step.Adopt(object("payments", "c"), entry("baseline", "c"), true),
            new Step.Prune(entry("old", "d")));

    assertThat(actions(results))
        .containsExactly(
            Map.entry("a", Action.APPLIED),
            Map.entry("b", Action.UNCHANGED),
            Map.entry("c", Action.ADOPTED),
            Map.entry("d", Action.PRUNED));
    assertThat(trees.published).hasSize(1);
    assertThat(trees.published.getFirst().files())
        .as("the tree holds every declared object, unchanged ones too")
        .hasSize(3);
    assertThat(argo.upserts).extracting(BundleApplication::revision).containsOnly(RENDERED);
    assertThat(argo.upserts)
        .extracting(BundleApplication::path)
        .containsExactly("fleet/beijing-prod/baseline", "fleet/beijing-prod/payments");
    assertThat(argo.syncs)
        .as("only what is to be applied, bundle by bundle")
        .hasSize(2)
        .allMatch(s -> s.contains("@" + RENDERED));
    assertThat(argo.syncs.get(0)).endsWith("[a]");
    assertThat(argo.syncs.get(1)).endsWith("[c]");
    assertThat(kube.executed).extracting(s -> s.ref().name()).containsExactly("b", "d");
    assertThat(results.get(2).message()).contains("moved from bundle baseline");
    assertThat(recorded).hasSize(4);
  }

  @Test
  void aDeniedBundleIsNeitherRenderedNorSynced() {
    RenderedObject denied =
        new RenderedObject(
            new ObjectRef("", "ConfigMap", "default", "x"),
            "payments",
            Map.of("apiVersion", "v1", "kind", "ConfigMap"),
            new SourceLocation("bundles/payments/x.yaml", 1));
    execute(new Step.Apply(object("baseline", "a"), true, true), new Step.Blocked(denied));
    assertThat(trees.published.getFirst().files().keySet())
        .allMatch(path -> path.startsWith("fleet/beijing-prod/baseline/"));
    assertThat(argo.upserts)
        .extracting(a -> a.labels().get(BundleApplication.BUNDLE))
        .containsExactly("baseline");
  }

  @Test
  void eachBundleSyncedIsOneDeliveryOfTheSourceCommitWithArgoCdsHealthAfterwards() {
    execute(
        new Step.Apply(object("baseline", "a"), true, true),
        new Step.Skip(object("baseline", "b")),
        new Step.Apply(object("payments", "c"), true, true));
    assertThat(trees.sourceCommits).containsExactly(SOURCE);
    assertThat(deliveries)
        .extracting(Delivery::bundle, Delivery::synced, Delivery::failed, Delivery::health)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                "baseline", 1, 0, io.fleetgate.argocd.HealthStatus.HEALTHY),
            org.assertj.core.api.Assertions.tuple(
                "payments", 1, 0, io.fleetgate.argocd.HealthStatus.HEALTHY));
    assertThat(deliveries)
        .allSatisfy(
            d -> {
              assertThat(d.sourceCommit()).isEqualTo(SOURCE);
              assertThat(d.renderedCommit()).isEqualTo(RENDERED);
              assertThat(d.phase()).isEqualTo(Phase.SUCCEEDED);
              assertThat(d.cluster()).isEqualTo(BEIJING);
            });
  }

  @Test
  void aRunThatOnlyPrunesRepinsTheBundlesApplicationOffTheCommitThatHeldThePrunedObject() {
    List<ObjectResult> results =
        execute(new Step.Skip(object("baseline", "b")), new Step.Prune(entry("baseline", "d")));

    assertThat(actions(results))
        .containsExactly(Map.entry("b", Action.UNCHANGED), Map.entry("d", Action.PRUNED));
    assertThat(trees.published).as("the tree without the pruned object").hasSize(1);
    assertThat(trees.published.getFirst().files().keySet())
        .singleElement()
        .satisfies(path -> assertThat(path).endsWith("/b.json"));
    assertThat(argo.upserts)
        .singleElement()
        .satisfies(
            app -> {
              assertThat(app.revision()).isEqualTo(RENDERED);
              assertThat(app.path()).isEqualTo("fleet/beijing-prod/baseline");
            });
    assertThat(argo.syncs).as("nothing to apply: no sync").isEmpty();
    assertThat(kube.executed).extracting(st -> st.ref().name()).containsExactly("b", "d");
    assertThat(argo.timeline)
        .as("the Application moves before the object goes")
        .containsSubsequence("upsert baseline", "prune d");
  }

  @Test
  void aDeniedBundleOrOneWhoseObjectsAreKeptKeepsItsApplicationAndCommit() {
    RenderedObject denied =
        new RenderedObject(
            new ObjectRef("", "ConfigMap", "default", "x"),
            "payments",
            Map.of("apiVersion", "v1", "kind", "ConfigMap"),
            new SourceLocation("bundles/payments/x.yaml", 1));
    execute(
        new Step.Apply(object("baseline", "a"), true, true),
        new Step.Blocked(denied),
        new Step.Retain(entry("payments", "y"), Step.Reason.BUNDLE_DENIED),
        new Step.Retain(entry("kept", "z"), Step.Reason.PRUNE_DISABLED_BY_ANNOTATION),
        new Step.Prune(entry("kept", "w")));

    assertThat(argo.removed).as("no Application of a denied or kept bundle goes").isEmpty();
    assertThat(argo.upserts)
        .extracting(a -> a.labels().get(BundleApplication.BUNDLE))
        .containsExactly("baseline");
  }

  @Test
  void aBundleWhoseLastObjectAnotherBundleAdoptsLosesItsApplication() {
    execute(new Step.Adopt(object("payments", "c"), entry("baseline", "c"), true));

    assertThat(argo.removed).hasSize(1);
    assertThat(argo.timeline)
        .as("the adopting bundle synced before the old owner's Application went")
        .containsExactly("upsert payments", "remove baseline");
  }

  @Test
  void everyBundleOfTheClusterFollowsTheTreeAnApplyPublished() {
    execute(
        new Step.Apply(object("baseline", "a"), true, true),
        new Step.Skip(object("payments", "c")));

    assertThat(argo.upserts)
        .extracting(a -> a.labels().get(BundleApplication.BUNDLE) + "@" + a.revision())
        .containsExactly("baseline@" + RENDERED, "payments@" + RENDERED);
    assertThat(argo.syncs).as("only baseline had anything to apply").hasSize(1);
  }

  @Test
  void aBundleWhoseLastObjectIsPrunedLosesItsApplicationButNeverItsObjectsThroughArgoCd() {
    List<ObjectResult> results =
        execute(
            new Step.Apply(object("baseline", "a"), true, true),
            new Step.Prune(entry("payments", "d")));

    assertThat(actions(results)).containsEntry("d", Action.PRUNED);
    assertThat(argo.removed)
        .containsExactly(
            BundleApplication.of(
                    BEIJING,
                    "payments",
                    trees.published.getFirst(),
                    "https://git.example/rendered.git",
                    RENDERED)
                .name());
    assertThat(argo.upserts)
        .as("baseline once, for its sync")
        .extracting(a -> a.labels().get(BundleApplication.BUNDLE))
        .containsExactly("baseline");
  }

  @Test
  void whenTheApplicationCannotBeMovedOffTheOldCommitNothingIsPruned() {
    argo.upsertFailure = new IllegalStateException("Argo CD answered 503");
    List<ObjectResult> results =
        execute(new Step.Skip(object("baseline", "b")), new Step.Prune(entry("baseline", "d")));

    ObjectResult kept = results.get(1);
    assertThat(kept.action()).isEqualTo(Action.PROTECTED);
    assertThat(kept.message())
        .contains("kept")
        .contains("Argo CD answered 503")
        .contains("a sync started in Argo CD would bring it back");
    assertThat(kube.executed)
        .as("the unchanged object is still checked; the prune never runs")
        .extracting(st -> st.ref().name())
        .containsExactly("b");
  }

  @Test
  void anArgoCdThatTracksByLabelIsGivenNothingToSyncAndNothingIsPruned() {
    for (var method :
        List.of(
            io.fleetgate.argocd.TrackingMethod.LABEL, io.fleetgate.argocd.TrackingMethod.UNKNOWN)) {
      argo.tracking = method;
      List<ObjectResult> results =
          execute(
              new Step.Apply(object("baseline", "a"), true, true),
              new Step.Skip(object("baseline", "b")),
              new Step.Prune(entry("payments", "d")));

      assertThat(results.get(0).action()).as("%s", method).isEqualTo(Action.FAILED);
      assertThat(results.get(0).message())
          .contains(method == io.fleetgate.argocd.TrackingMethod.LABEL ? "by label" : "not know")
          .contains("application.resourceTrackingMethod")
          .contains("set it to annotation");
      assertThat(results.get(1).action()).isEqualTo(Action.UNCHANGED);
      assertThat(results.get(2).action()).isEqualTo(Action.PROTECTED);
      assertThat(results.get(2).message()).startsWith("kept: Argo CD tracks resources");
      assertThat(argo.upserts).isEmpty();
      assertThat(argo.syncs).isEmpty();
      assertThat(argo.removed).isEmpty();
      assertThat(trees.published).as("nothing published").isEmpty();
      assertThat(kube.executed)
          .as("the unchanged object is still checked; the prune never runs")
          .extracting(st -> st.ref().name())
          .containsOnly("b");
    }
  }

  @Test
  void aRunThatOnlyPrunesOrOnlyAdoptsIsRefusedByALabelTrackingArgoCdToo() {
    argo.tracking = io.fleetgate.argocd.TrackingMethod.LABEL;
    List<ObjectResult> prunes = execute(new Step.Prune(entry("payments", "d")));
    assertThat(prunes.getFirst().action()).isEqualTo(Action.PROTECTED);
    assertThat(prunes.getFirst().message()).contains("by label");

    List<ObjectResult> adopts =
        execute(new Step.Adopt(object("payments", "c"), entry("baseline", "c"), true));
    assertThat(adopts.getFirst().action()).isEqualTo(Action.FAILED);
    assertThat(argo.upserts).isEmpty();
    assertThat(argo.syncs).isEmpty();
    assertThat(argo.removed).isEmpty();
    assertThat(trees.published).isEmpty();
    assertThat(kube.executed).as("nothing reaches the cluster").isEmpty();
  }

  @Test
  void aLabelTrackingArgoCdTurnsHealsIntoDriftReports() {
    argo.tracking = io.fleetgate.argocd.TrackingMethod.LABEL;
    List<ObjectResult> results = execute(new Step.CheckDrift(object("baseline", "h"), true, true));

    assertThat(argo.trackingReads).as("a heal writes, so Argo CD is asked").isEqualTo(1);
    assertThat(kube.executed)
        .singleElement()
        .satisfies(
            step ->
                assertThat(((Step.CheckDrift) step).heal()).as("checked, not healed").isFalse());
    assertThat(results)
        .singleElement()
        .extracting(ObjectResult::action)
        .isEqualTo(Action.UNCHANGED);
  }

  @Test
  void anAnnotationTrackingArgoCdLeavesHealsAsPlanned() {
    execute(new Step.CheckDrift(object("baseline", "h"), true, true));

    assertThat(kube.executed)
        .singleElement()
        .satisfies(step -> assertThat(((Step.CheckDrift) step).heal()).isTrue());
  }

  @Test
  void anArgoCdWhoseTrackingCannotBeReadIsTreatedAsOneThatTracksByLabel() {
    argo.trackingFailure = new IllegalStateException("Argo CD answered 503");
    List<ObjectResult> results =
        execute(
            new Step.Apply(object("baseline", "a"), true, true),
            new Step.Prune(entry("payments", "d")));

    assertThat(results.get(0).action()).isEqualTo(Action.FAILED);
    assertThat(results.get(0).message())
        .contains("tracking method could not be read (Argo CD answered 503)");
    assertThat(results.get(1).action()).isEqualTo(Action.PROTECTED);
    assertThat(argo.syncs).isEmpty();
    assertThat(argo.removed).isEmpty();
  }

  @Test
  void anArgoCdThatTracksByAnnotationAndLabelSyncs() {
    argo.tracking = io.fleetgate.argocd.TrackingMethod.ANNOTATION_AND_LABEL;
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));

    assertThat(results.getFirst().action()).isEqualTo(Action.APPLIED);
    assertThat(argo.trackingReads).isEqualTo(1);
  }

  @Test
  void aTreeThatCannotBePublishedForAPruneKeepsThePrune() {
    trees.failure =
        new RenderedTrees.PublishException("the rendered repository refused the push", null);
    List<ObjectResult> results = execute(new Step.Prune(entry("baseline", "d")));

    assertThat(results.getFirst().action()).isEqualTo(Action.PROTECTED);
    assertThat(results.getFirst().message()).contains("refused the push");
    assertThat(kube.executed).isEmpty();
  }

  @Test
  void aDeliveryWhoseHealthCannotBeReadSaysUnknownAndKeepsTheResults() {
    argo.stateFailure = new IllegalStateException("Argo CD answered 503");
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));
    assertThat(results.getFirst().action()).isEqualTo(Action.APPLIED);
    assertThat(deliveries.getFirst().health()).isEqualTo(io.fleetgate.argocd.HealthStatus.UNKNOWN);
    assertThat(deliveries.getFirst().sync()).isEqualTo(io.fleetgate.argocd.SyncStatus.UNKNOWN);
  }

  @Test
  void aSyncThatNeverFinishesIsADeliveryOfUnknownPhaseWithItsObjectsFailed() {
    argo.outcome = refs -> new Operation("t1", Phase.RUNNING, RENDERED, "waiting", List.of());
    execute(new Step.Apply(object("baseline", "a"), true, true));
    assertThat(deliveries)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.phase()).isEqualTo(Phase.UNKNOWN);
              assertThat(d.failed()).isEqualTo(1);
              assertThat(d.synced()).isZero();
            });
  }

  @Test
  void anObjectArgoCdFailedToSyncFailsAndNothingIsPruned() {
    argo.outcome =
        refs ->
            new Operation(
                "t1",
                Phase.FAILED,
                RENDERED,
                "one or more objects failed to apply",
                List.of(
                    new ResourceResult(
                        refs.getFirst(), ResourceStatus.SYNC_FAILED, "admission webhook denied")));
    List<ObjectResult> results =
        execute(
            new Step.Apply(object("baseline", "a"), true, true), new Step.Prune(entry("old", "d")));
    assertThat(actions(results))
        .containsExactly(Map.entry("a", Action.FAILED), Map.entry("d", Action.PROTECTED));
    assertThat(results.get(0).message()).isEqualTo("Argo CD: admission webhook denied");
    assertThat(kube.executed).as("no prune reaches the cluster").isEmpty();
  }

  @Test
  void anObjectArgoCdDoesNotReportFailsWithTheOperationsMessage() {
    argo.outcome =
        refs -> new Operation("t1", Phase.ERROR, RENDERED, "ComparisonError: boom", List.of());
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));
    assertThat(results.getFirst().action()).isEqualTo(Action.FAILED);
    assertThat(results.getFirst().message())
        .isEqualTo("Argo CD did not report it (operation error: ComparisonError: boom)");
  }

  @Test
  void aSyncThatNeverFinishesFailsAtTheWaitAndPrunesNothing() {
    argo.outcome =
        refs ->
            new Operation("t1", Phase.RUNNING, RENDERED, "waiting for healthy state", List.of());
    List<ObjectResult> results =
        execute(
            new Step.Apply(object("baseline", "a"), true, true), new Step.Prune(entry("old", "d")));
    assertThat(actions(results))
        .containsExactly(Map.entry("a", Action.FAILED), Map.entry("d", Action.PROTECTED));
    assertThat(results.getFirst().message())
        .contains("did not finish syncing")
        .contains("within 0 s")
        .endsWith("Argo CD was told to terminate the operation");
    assertThat(argo.terminated)
        .as("the overdue sync is stopped, so it applies nothing after the objects failed")
        .hasSize(1);
  }

  @Test
  void aSyncArgoCdLostIsAskedForAgain() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    var succeeds = argo.outcome;
    // The first sync is accepted and lost: no operation starts.
    argo.outcome = refs -> calls.incrementAndGet() == 1 ? null : succeeds.apply(refs);
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));

    assertThat(results.getFirst().action()).isEqualTo(Action.APPLIED);
    assertThat(argo.syncs).hasSize(2);
  }

  @Test
  void aSyncArgoCdLeavesPendingIsTakenUpByARefresh() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    var succeeds = argo.outcome;
    argo.outcome =
        refs -> {
          if (calls.incrementAndGet() == 1) {
            argo.pending = succeeds.apply(refs);
            return null;
          }
          throw new IllegalStateException("another operation is already in progress");
        };
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));

    assertThat(results.getFirst().action()).isEqualTo(Action.APPLIED);
    assertThat(argo.refreshes).isEqualTo(1);
  }

  @Test
  void aTerminationArgoCdRefusesIsSaidBesideTheTimeout() {
    argo.outcome =
        refs ->
            new Operation("t1", Phase.RUNNING, RENDERED, "waiting for healthy state", List.of());
    argo.terminateFailure =
        new IllegalStateException("Unable to terminate operation. No operation is in progress");
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));

    assertThat(results.getFirst().action()).isEqualTo(Action.FAILED);
    assertThat(results.getFirst().message())
        .contains("did not finish syncing")
        .contains("terminating the operation failed: Unable to terminate operation");
  }

  @Test
  void theOperationBeforeTheTriggeredOneIsNotTakenForItsResult() {
    ObjectRef a = new ObjectRef("", "ConfigMap", "default", "a");
    String app =
        BundleApplication.of(
                BEIJING, "baseline", RenderedTree.of(BEIJING, List.of()), "u", RENDERED)
            .name();
    argo.operations.put(
        app,
        new Operation(
            "before",
            Phase.SUCCEEDED,
            RENDERED,
            "old",
            List.of(new ResourceResult(a, ResourceStatus.SYNCED, ""))));
    argo.outcome = refs -> null; // the controller has not started the new operation
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));
    assertThat(results.getFirst().action()).isEqualTo(Action.FAILED);
  }

  @Test
  void aSyncOfAnotherRevisionIsNotTakenAsApplyingTheRenderedCommit() {
    argo.outcome =
        refs ->
            new Operation(
                "t1",
                Phase.SUCCEEDED,
                "ffffffffffffffffffffffffffffffffffffffff",
                "",
                refs.stream().map(r -> new ResourceResult(r, ResourceStatus.SYNCED, "")).toList());
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));
    assertThat(results.getFirst().action()).isEqualTo(Action.FAILED);
    assertThat(results.getFirst().message()).contains("not the rendered commit");
  }

  @Test
  void aTreeThatCannotBePublishedFailsItsObjectsAndTriggersNothing() {
    trees.failure = new RenderedTrees.PublishException("Cannot publish: push refused", null);
    List<ObjectResult> results =
        execute(
            new Step.Apply(object("baseline", "a"), true, true), new Step.Prune(entry("old", "d")));
    assertThat(actions(results))
        .containsExactly(Map.entry("a", Action.FAILED), Map.entry("d", Action.PROTECTED));
    assertThat(results.getFirst().message()).isEqualTo("Cannot publish: push refused");
    assertThat(argo.upserts).isEmpty();
    assertThat(argo.syncs).isEmpty();
  }

  @Test
  void anObjectWhoseNameCannotBeAFileFailsAndNothingIsPublished() {
    List<ObjectResult> results = execute(new Step.Apply(object("baseline", ".."), true, true));
    assertThat(results.getFirst().action()).isEqualTo(Action.FAILED);
    assertThat(results.getFirst().message()).contains("is not a Kubernetes name");
    assertThat(trees.published).isEmpty();
    assertThat(argo.syncs).isEmpty();
  }

  @Test
  void nothingToApplyOrPruneTouchesNeitherGitNorArgoCd() {
    List<ObjectResult> results =
        execute(
            new Step.Skip(object("baseline", "b")),
            new Step.Release(entry("old", "d"), Step.Reason.ALREADY_GONE));
    assertThat(actions(results)).containsOnlyKeys("b", "d");
    assertThat(kube.executed).hasSize(2);
    assertThat(trees.published).isEmpty();
    assertThat(argo.upserts).isEmpty();
    assertThat(argo.trackingReads).as("Argo CD is not asked anything").isZero();
    assertThat(deliveries).isEmpty();
  }

  @Test
  void aReconcileCutOffBeforeABundleSyncsFailsItWithoutCallingArgoCd() {
    Thread.currentThread().interrupt();
    try {
      List<ObjectResult> results = execute(new Step.Apply(object("baseline", "a"), true, true));
      assertThat(results.getFirst().action()).isEqualTo(Action.FAILED);
      assertThat(results.getFirst().message()).startsWith("cut off before Argo CD synced");
      assertThat(argo.syncs).isEmpty();
    } finally {
      Thread.interrupted();
    }
  }
}
