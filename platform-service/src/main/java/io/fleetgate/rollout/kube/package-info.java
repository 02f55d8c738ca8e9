/**
 * The rollout's adapter to the management cluster: the node levels (Kubernetes version, kernel, OS
 * image) a cluster's Cluster API objects declare, read and written by server-side apply.
 */
package io.fleetgate.rollout.kube;
