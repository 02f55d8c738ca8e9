package io.fleetgate.sync;

import io.fleetgate.apply.Executed;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.inventory.InventoryChange;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.plan.DesiredObject;
import io.fleetgate.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * What executed steps change in the inventory, and the audit events that record them: committed
 * together, batch by batch, so the inventory never says an object was applied or pruned without the
 * audit log saying so too.
 */
final class InventoryEffects {

  private InventoryEffects() {}

  static InventoryChange of(List<Executed> batch) {
    List<InventoryEntry> recorded = new ArrayList<>();
    List<InventoryEntry> forgotten = new ArrayList<>();
    for (Executed executed : batch) {
      Action action = executed.result().action();
      switch (executed.step()) {
        case Step.Apply a when action == Action.APPLIED -> recorded.add(entry(a.object()));
        case Step.Adopt a when action == Action.ADOPTED -> {
          forgotten.add(a.from());
          recorded.add(entry(a.object()));
        }
        case Step.Prune p when action == Action.PRUNED -> forgotten.add(p.entry());
        case Step.Release r -> forgotten.add(r.entry());
        default -> {}
      }
    }
    return new InventoryChange(recorded, forgotten);
  }

  /** One audit event per object that did not stay unchanged. */
  static List<AuditEvent> audit(List<Executed> batch, String cluster, String commit) {
    List<AuditEvent> events = new ArrayList<>();
    for (Executed executed : batch) {
      ObjectResult result = executed.result();
      if (result.action() == Action.UNCHANGED) {
        continue;
      }
      String detail = result.source() + (result.message().isEmpty() ? "" : " " + result.message());
      events.add(
          new AuditEvent(
              "apply",
              cluster,
              result.bundle(),
              commit,
              result.ref().toString(),
              result.action().word(),
              detail.strip()));
    }
    return events;
  }

  private static InventoryEntry entry(DesiredObject object) {
    return new InventoryEntry(
        object.bundle(), object.ref(), object.apiVersion(), object.hash(), object.source());
  }
}
