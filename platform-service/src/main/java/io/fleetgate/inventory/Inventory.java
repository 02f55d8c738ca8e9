package io.fleetgate.inventory;

import io.fleetgate.domain.ObjectRef;
import java.util.Collection;
import java.util.Map;

/** The record of applied objects per cluster and bundle. */
public interface Inventory {

  /** What was applied to the cluster for the bundle, by object. */
  Map<ObjectRef, InventoryEntry> applied(String cluster, String bundle);

  /** Records objects as applied (insert or replace). */
  void recordApplied(String cluster, String bundle, Collection<InventoryEntry> entries);

  /** Forgets objects (after they were pruned). */
  void forget(String cluster, String bundle, Collection<ObjectRef> refs);
}
