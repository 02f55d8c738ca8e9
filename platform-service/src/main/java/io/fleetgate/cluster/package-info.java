/**
 * Knows which workload clusters exist and how to reach them: the {@link
 * io.fleetgate.cluster.ClusterDirectory} port, implemented for Cluster API in {@code cluster.capi}.
 */
package io.fleetgate.cluster;
