/**
 * The Kubernetes adapter of the {@link io.fleetgate.apply.ClusterWriter} port: server-side apply
 * with field manager {@code fleetgate}, rank by rank with bounded parallelism, prunes by delete
 * with background propagation, health and Warning events read back.
 */
package io.fleetgate.apply.kube;
