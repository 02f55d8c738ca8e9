/**
 * The sandbox fleet: real etcd and kube-apiserver processes on loopback that stand in for a
 * management cluster and its workload clusters, for tests, the demo and local development.
 *
 * <p>The management cluster gets the Cluster API CRDs, one {@code Cluster} per workload cluster and
 * its {@code <name>-kubeconfig} Secret, so Fleetgate discovers the sandbox exactly as it discovers
 * a production fleet. What no kubelet or Cluster API controller provides here is played through the
 * real API: cluster status by {@link io.fleetgate.sandbox.CapiStatusSimulator}, nodes by {@link
 * io.fleetgate.sandbox.NodeSimulator}, and node upgrades when a Cluster's managed topology changes
 * by {@link io.fleetgate.sandbox.UpgradePlayer}. Demo and test support only. Processes outlive the
 * JVM that started them (the CLI returns) and are tracked by pid files; a later start or stop reaps
 * leftovers, also after the JVM was killed.
 */
package io.fleetgate.sandbox;
