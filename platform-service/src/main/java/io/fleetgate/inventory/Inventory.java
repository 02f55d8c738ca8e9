package io.fleetgate.inventory;

import io.fleetgate.audit.AuditEvent;
import java.util.List;
import java.util.Map;

/**
 * The record of what Fleetgate applied to each cluster, by bundle. A cluster is named by its key,
 * {@code namespace/name} of its Cluster API {@code Cluster}, so two clusters of one name in two
 * namespaces never share an inventory.
 */
public interface Inventory {

  /** Everything applied to the cluster, in every bundle. */
  List<InventoryEntry> applied(String cluster);

  /**
   * Records a batch of executed steps: the inventory changes and the audit events that describe
   * them, in one transaction, so a crash keeps both or neither.
   */
  void commit(String cluster, InventoryChange change, List<AuditEvent> events);

  /**
   * Whether each bundle pruned in the latest revision of fleet.yaml that declared it, by bundle
   * name; bundles never recorded are absent. The same for every cluster of the fleet.
   */
  Map<String, Boolean> pruning();

  /**
   * Records whether each of the given bundles prunes; bundles not given keep what was recorded for
   * them (a bundle removed from fleet.yaml is still judged by its last setting).
   */
  void rememberPruning(Map<String, Boolean> pruning);

  /**
   * Moves everything recorded under an earlier key of a cluster (its bare name) to its key — its
   * inventory, run results, object records, health and events; changes nothing when there are none.
   */
  void rekey(String from, String to);
}
