/**
 * The port through which a sync plan reaches a cluster ({@link io.fleetgate.apply.ClusterWriter}),
 * and the vocabulary of what happened to each object.
 *
 * <p>Adapters live below: {@code apply.kube} writes with server-side apply (field manager {@code
 * fleetgate}). Nothing here knows a Kubernetes client type.
 */
package io.fleetgate.apply;
