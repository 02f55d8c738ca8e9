/**
 * Discovers workload clusters from Cluster API: {@code Cluster} objects in the management cluster
 * and their {@code <name>-kubeconfig} Secrets (data key {@code value}), as Cluster API writes them.
 */
package io.fleetgate.cluster.capi;
