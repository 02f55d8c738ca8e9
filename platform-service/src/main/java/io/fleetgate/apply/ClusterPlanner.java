package io.fleetgate.apply;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a sync of one cluster without changing anything: per object create, update (with the
 * fields, from a server-side dry run against the live object) or unchanged; then the prunes.
 */
public final class ClusterPlanner {

  private final ClusterApi api;
  private final Inventory inventory;
  private final String cluster;
  private final DesiredObjects objects;

  public ClusterPlanner(ClusterApi api, Inventory inventory, String cluster) {
    this.api = api;
    this.inventory = inventory;
    this.cluster = cluster;
    this.objects = new DesiredObjects(api);
  }

  /**
   * Plans without changing anything: for each object, whether applying it would create it, update
   * it (with the diff, from a server-side dry run against the live object) or leave it as it is;
   * then which inventory objects of the {@code prune} bundles would be deleted or kept.
   */
  public List<PlannedChange> plan(List<RenderedObject> objects, Set<String> prune) {
    List<PlannedChange> changes = new ArrayList<>();
    Map<String, Set<ObjectRef>> declared = new HashMap<>();
    List<RenderedObject> ordered = new ArrayList<>(objects);
    ordered.sort((a, b) -> ApplyOrder.APPLY.compare(a.ref(), b.ref()));
    for (RenderedObject object : ordered) {
      PlannedChange change = planOne(object);
      declared.computeIfAbsent(object.bundle(), b -> new java.util.HashSet<>()).add(change.ref());
      changes.add(change);
    }
    for (String bundle : prune) {
      Set<ObjectRef> kept = declared.getOrDefault(bundle, Set.of());
      inventory.applied(cluster, bundle).values().stream()
          .filter(entry -> !kept.contains(entry.ref()))
          .sorted((a, b) -> ApplyOrder.PRUNE.compare(a.ref(), b.ref()))
          .forEach(entry -> changes.add(planPrune(bundle, entry)));
    }
    return changes;
  }

  private PlannedChange planOne(RenderedObject object) {
    ObjectRef ref = object.ref();
    String source = object.source().toString();
    try {
      GroupVersionKind gvk = GroupVersionKind.of(object.apiVersion(), ref.kind());
      Map<String, Object> desired = objects.desired(object, gvk);
      ref = new ObjectRef(ref.group(), ref.kind(), DesiredObjects.namespaceOf(desired), ref.name());
      DesiredObjects.withHash(desired);
      var live = api.get(gvk, ref.namespace().isEmpty() ? null : ref.namespace(), ref.name());
      var result = api.dryRunApply(desired);
      if (live.isEmpty()) {
        return new PlannedChange(
            ref, object.bundle(), source, PlannedChange.Change.CREATE, List.of());
      }
      List<String> diff = LiveDiff.between(live.get().json(), result.json());
      return new PlannedChange(
          ref,
          object.bundle(),
          source,
          diff.isEmpty() ? PlannedChange.Change.UNCHANGED : PlannedChange.Change.UPDATE,
          diff);
    } catch (KubeException e) {
      return new PlannedChange(
          ref, object.bundle(), source, PlannedChange.Change.INVALID, List.of(e.getMessage()));
    }
  }

  private PlannedChange planPrune(String bundle, InventoryEntry entry) {
    ObjectRef ref = entry.ref();
    try {
      var live =
          api.get(
              GroupVersionKind.of(entry.apiVersion(), ref.kind()),
              ref.namespace().isEmpty() ? null : ref.namespace(),
              ref.name());
      boolean protectedObject =
          live.isPresent()
              && live.get()
                  .at("metadata", "annotations", ClusterApplier.PRUNE_ANNOTATION)
                  .map(v -> v.getAsString())
                  .orElse("")
                  .equals("disabled");
      return new PlannedChange(
          ref,
          bundle,
          entry.source(),
          protectedObject ? PlannedChange.Change.KEEP_PROTECTED : PlannedChange.Change.PRUNE,
          List.of());
    } catch (KubeException e) {
      return new PlannedChange(
          ref, bundle, entry.source(), PlannedChange.Change.INVALID, List.of(e.getMessage()));
    }
  }
}
