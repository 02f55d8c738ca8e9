/**
 * Running patch rollouts: each step reads what the clusters declare and show, asks the pure engine
 * ({@code io.fleetgate.rollout}) what comes next, records the state and the audit events in one
 * transaction, and then writes the versions through the {@link
 * io.fleetgate.rollout.run.ClusterLevels} port. Ports here, adapters elsewhere: the Cluster API
 * objects in {@code rollout.kube}, the records in {@code store.sqlite}.
 */
package io.fleetgate.rollout.run;
