package io.fleetgate.sync;

import io.fleetgate.apply.ClusterUnreachableException;
import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ClusterWriters;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.plan.BundleOptions;
import io.fleetgate.plan.PlanInput;
import io.fleetgate.plan.SyncPlan;
import io.fleetgate.plan.SyncPlanner;
import io.fleetgate.render.FleetSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the plan needs from the cluster and the inventory — kind scopes, the inventory of
 * every bundle, the live state of prune candidates — and plans the sync from them.
 */
final class PlanPhase implements Phase {

  private static final Logger log = LoggerFactory.getLogger(PlanPhase.class);

  /** When an unreachable cluster is tried again, at the earliest. */
  static final Duration RETRY_UNREACHABLE = Duration.ofSeconds(30);

  /** When a cluster that is being provisioned or deleted is looked at again. */
  static final Duration RECHECK_PROVISIONING = Duration.ofMinutes(1);

  private final ClusterWriters writers;
  private final Inventory inventory;
  private final Clock clock;

  PlanPhase(ClusterWriters writers, Inventory inventory, Clock clock) {
    this.writers = writers;
    this.inventory = inventory;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "plan";
  }

  @Override
  public void run(ClusterScope scope) {
    ClusterPhase phase = scope.target().phase();
    if (phase == ClusterPhase.PENDING
        || phase == ClusterPhase.PROVISIONING
        || phase == ClusterPhase.DELETING) {
      scope.end(
          ClusterOutcome.waiting(
              scope.target(),
              "Cluster API reports the cluster as " + phase.display(),
              clock.instant().plus(RECHECK_PROVISIONING)));
      return;
    }
    ClusterWriter writer;
    try {
      writer = writers.forCluster(scope.access, scope.options.dryRun(), scope.revision);
    } catch (io.fleetgate.apply.UnusableKubeconfigException e) {
      scope.end(ClusterOutcome.stalled(scope.target(), e.getMessage()));
      return;
    }
    try {
      writer.probe();
    } catch (ClusterUnreachableException e) {
      scope.end(ClusterOutcome.unreachable(scope.target(), e.getMessage(), RETRY_UNREACHABLE));
      return;
    }
    scope.writer = writer;
    SyncPlan plan = plan(writer, input(scope, writer));
    scope.plan = plan;
    plan.halted()
        .ifPresent(
            reason -> {
              log.warn("{}: not syncing: {}", scope.cluster(), reason);
              scope.end(ClusterOutcome.stalled(scope.target(), reason));
            });
  }

  /** Reads the live state of the input's prune candidates, then plans. */
  static SyncPlan plan(ClusterWriter writer, PlanInput input) {
    SyncPlanner.Prepared prepared = SyncPlanner.prepare(input);
    return prepared.plan(writer.inspect(prepared.candidates()));
  }

  private PlanInput input(ClusterScope scope, ClusterWriter writer) {
    List<RenderedObject> objects = scope.render.objects();
    return new PlanInput(
        objects,
        scope.render.bundles(),
        scope.gate.deniedBundles(),
        options(scope.repo.spec(), inventory.pruning()),
        writer.scopes(types(objects)),
        inventory.applied(scope.key()),
        Map.of(),
        scope.options.fullCheck());
  }

  static Set<ClusterWriter.TypeName> types(List<RenderedObject> objects) {
    Set<ClusterWriter.TypeName> types = new LinkedHashSet<>();
    for (RenderedObject object : objects) {
      types.add(new ClusterWriter.TypeName(object.apiVersion(), object.ref().kind()));
    }
    return types;
  }

  /**
   * The options of every bundle fleet.yaml declares; a bundle it no longer declares keeps the prune
   * setting recorded when it last did, so removing a bundle that does not prune deletes nothing.
   */
  static Map<String, BundleOptions> options(FleetSpec spec, Map<String, Boolean> recordedPruning) {
    Map<String, BundleOptions> options = new HashMap<>();
    recordedPruning.forEach(
        (bundle, prune) -> {
          if (!prune) {
            options.put(
                bundle,
                new BundleOptions(
                    false, BundleOptions.DEFAULTS.selfHeal(), BundleOptions.DEFAULTS.force()));
          }
        });
    options.putAll(declared(spec));
    return options;
  }

  /**
   * The prune settings of the bundles fleet.yaml declares that differ from the recorded ones: what
   * a sync of this revision records before any cluster is planned.
   */
  static Map<String, Boolean> changedPruning(FleetSpec spec, Map<String, Boolean> recorded) {
    Map<String, Boolean> changed = new HashMap<>();
    declared(spec)
        .forEach(
            (bundle, options) -> {
              if (!Boolean.valueOf(options.prune()).equals(recorded.get(bundle))) {
                changed.put(bundle, options.prune());
              }
            });
    return changed;
  }

  private static Map<String, BundleOptions> declared(FleetSpec spec) {
    Map<String, BundleOptions> options = new HashMap<>();
    if (spec != null) {
      for (FleetSpec.Bundle bundle : spec.bundles()) {
        options.put(
            bundle.name(),
            new BundleOptions(
                bundle.prune(), bundle.selfHeal(), bundle.force(), bundle.namespaces()));
      }
    }
    return options;
  }
}
