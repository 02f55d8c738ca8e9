package io.fleetgate.sync;

import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.plan.PlanInput;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan and apply phases alone, for objects that need no render or policy check: what the apply
 * benchmark measures against a raw server-side-apply client.
 */
public final class DirectApply {

  private DirectApply() {}

  /**
   * Plans the objects against the cluster's inventory and applies them through the writer,
   * recording each batch as a sync does.
   *
   * @param key the cluster's key in the inventory ({@code namespace/name})
   */
  public static ApplyReport apply(
      ClusterWriter writer,
      Inventory inventory,
      String key,
      String commit,
      List<RenderedObject> objects) {
    PlanInput input =
        new PlanInput(
            objects,
            objects.stream().map(RenderedObject::bundle).distinct().toList(),
            Set.of(),
            Map.of(),
            writer.scopes(PlanPhase.types(objects)),
            inventory.applied(key),
            Map.of(),
            false);
    var plan = PlanPhase.plan(writer, input);
    return new ApplyReport(writer.execute(plan, ApplyPhase.recorder(inventory, key, key, commit)));
  }
}
