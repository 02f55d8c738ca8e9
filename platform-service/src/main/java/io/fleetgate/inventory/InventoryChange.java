package io.fleetgate.inventory;

import java.util.List;

/**
 * What one batch of executed steps changes in a cluster's inventory.
 *
 * @param recorded entries to insert or replace (applied, adopted or healed objects)
 * @param forgotten entries to remove (pruned or released objects, and the old owner of an adopted
 *     one)
 */
public record InventoryChange(List<InventoryEntry> recorded, List<InventoryEntry> forgotten) {

  public InventoryChange {
    recorded = List.copyOf(recorded);
    forgotten = List.copyOf(forgotten);
  }

  public boolean isEmpty() {
    return recorded.isEmpty() && forgotten.isEmpty();
  }
}
