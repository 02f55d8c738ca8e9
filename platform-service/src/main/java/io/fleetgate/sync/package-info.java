/**
 * Syncs the fleet to one commit: fetch once, then for every targeted cluster concurrently a
 * reconcile of named phases over one scope — render → validate → plan → apply → observe, and record
 * in a {@code finally} — so a cluster that fails never blocks the others. Each cluster ends in one
 * {@link io.fleetgate.sync.ClusterOutcome}; the fleet's source in one {@link
 * io.fleetgate.sync.SourceState}. Knows no Kubernetes client type: clusters are written through the
 * {@link io.fleetgate.apply.ClusterWriter} port.
 */
package io.fleetgate.sync;
