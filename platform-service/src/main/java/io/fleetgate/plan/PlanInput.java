package io.fleetgate.plan;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.InventoryEntry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one cluster's plan is decided from, read on this run.
 *
 * @param rendered every object every selected bundle (and the cluster overlay) renders, denied
 *     bundles included: what Git declares for the cluster
 * @param selected the bundles that select the cluster
 * @param denied bundles whose objects policy denied: nothing of theirs is applied or pruned
 * @param options each bundle's sync options; absent bundles get {@link BundleOptions#DEFAULTS}
 * @param scopes the scope of each kind the cluster serves (and the render's CRDs define)
 * @param inventory everything Fleetgate applied to the cluster, in every bundle
 * @param live the live state of the prune candidates ({@link SyncPlanner#pruneCandidates})
 * @param fullCheck compare objects unchanged in Git with the live cluster
 */
public record PlanInput(
    List<RenderedObject> rendered,
    List<String> selected,
    Set<String> denied,
    Map<String, BundleOptions> options,
    Map<GroupKind, KindScope> scopes,
    List<InventoryEntry> inventory,
    Map<ObjectRef, LiveFacts> live,
    boolean fullCheck) {

  public PlanInput {
    rendered = List.copyOf(rendered);
    selected = List.copyOf(selected);
    denied = Set.copyOf(denied);
    options = Map.copyOf(options);
    scopes = Map.copyOf(scopes);
    inventory = List.copyOf(inventory);
    live = Map.copyOf(live);
  }

  BundleOptions optionsOf(String bundle) {
    return options.getOrDefault(bundle, BundleOptions.DEFAULTS);
  }

  /** The same input with the live state of the prune candidates. */
  public PlanInput withLive(Map<ObjectRef, LiveFacts> facts) {
    Objects.requireNonNull(facts, "facts");
    return new PlanInput(rendered, selected, denied, options, scopes, inventory, facts, fullCheck);
  }
}
