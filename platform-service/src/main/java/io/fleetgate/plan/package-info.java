/**
 * Decides what one cluster's sync does, from what every selected bundle renders, what policy
 * allowed, the bundles' options, the inventory and the live state of prune candidates.
 *
 * <p>Pure: no I/O, no Kubernetes or database types. The result, a {@link
 * io.fleetgate.plan.SyncPlan}, is executed by a {@code ClusterWriter} and previewed by {@code
 * fleetgate diff}, so both always agree on what would be applied, adopted, pruned or kept.
 */
package io.fleetgate.plan;
