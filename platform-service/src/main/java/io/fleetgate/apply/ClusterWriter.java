package io.fleetgate.apply;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.plan.GroupKind;
import io.fleetgate.plan.KindScope;
import io.fleetgate.plan.LiveFacts;
import io.fleetgate.plan.SyncPlan;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes one cluster: the port a sync plan is executed through. Implementations bound every call
 * with a deadline, limit their request rate, and never throw for one object: its failure is its
 * {@link ObjectResult}.
 */
public interface ClusterWriter {

  /**
   * Checks that the cluster answers.
   *
   * @return its Kubernetes version
   * @throws ClusterUnreachableException naming the server and the cause when it does not
   */
  String probe();

  /**
   * The scope of each of the given kinds ({@code apiVersion}, {@code kind}) that the cluster
   * serves; kinds it does not serve are absent.
   */
  Map<GroupKind, KindScope> scopes(Collection<TypeName> types);

  /**
   * What the cluster holds for each entry; an entry whose state cannot be read is absent, so the
   * plan keeps it.
   */
  Map<ObjectRef, LiveFacts> inspect(Collection<InventoryEntry> entries);

  /**
   * Executes the plan: the apply side rank by rank (each rank done before the next starts), then,
   * only when nothing failed to apply, the prune side in order. Each step's result reaches {@code
   * sink} in batches, on the calling thread, as soon as the batch is done, so the caller records
   * them while the rest are written.
   *
   * @return every step's result, in plan order
   */
  List<ObjectResult> execute(SyncPlan plan, ExecutionSink sink);

  /** Reads back the health of observed kinds and Warning events about the objects. */
  Observation observe(List<ObjectResult> results);

  /**
   * What executing the plan would change, per step, found without changing anything (server-side
   * dry runs against the live objects).
   */
  List<PlannedChange> preview(SyncPlan plan);

  /** An API type as objects declare it. */
  record TypeName(String apiVersion, String kind) {}

  /** Receives executed steps in batches. */
  @FunctionalInterface
  interface ExecutionSink {
    void accept(List<Executed> batch);

    ExecutionSink NONE = batch -> {};
  }
}
