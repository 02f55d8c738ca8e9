package io.fleetgate.sync;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.inventory.Inventory;

/**
 * Executes the plan through the cluster's writer; each batch of results is recorded in the
 * inventory together with its audit events as soon as it is done. A dry run records nothing.
 */
final class ApplyPhase implements Phase {

  private final Inventory inventory;

  ApplyPhase(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public String name() {
    return "apply";
  }

  @Override
  public void run(ClusterScope scope) {
    ClusterWriter.ExecutionSink sink =
        scope.recording()
            ? recorder(inventory, scope.key(), scope.cluster(), scope.revision.commit())
            : ClusterWriter.ExecutionSink.NONE;
    scope.results =
        UnservedRules.explain(
            scope.writer.execute(scope.plan, sink),
            scope.writer,
            scope.repo.spec(),
            scope.target().labels());
  }

  /** Commits each executed batch to the inventory together with its audit events. */
  static ClusterWriter.ExecutionSink recorder(
      Inventory inventory, String key, String cluster, String commit) {
    return batch ->
        inventory.commit(
            key, InventoryEffects.of(batch), InventoryEffects.audit(batch, cluster, commit));
  }
}
