/**
 * Probes workload clusters through their Kubernetes API servers: the {@code ClusterProbe} adapter.
 */
package io.fleetgate.fleet.probe;
