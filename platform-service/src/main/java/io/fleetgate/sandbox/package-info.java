/**
 * The sandbox fleet: real etcd and kube-apiserver processes on loopback that stand in for a
 * management cluster and its workload clusters, for tests, the demo and local development.
 *
 * <p>The management cluster gets the Cluster API CRDs, one {@code Cluster} per workload cluster and
 * its {@code <name>-kubeconfig} Secret, so Fleetgate discovers the sandbox exactly as it discovers
 * a production fleet. What no kubelet or Cluster API controller provides here (cluster status) is
 * written through the real API by {@link io.fleetgate.sandbox.CapiStatusSimulator}. Processes
 * outlive the JVM that started them (the CLI returns) and are tracked by pid files; a later start
 * or stop reaps leftovers, also after the JVM was killed.
 */
package io.fleetgate.sandbox;
