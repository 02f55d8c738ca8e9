/**
 * The engine that composes the stages for one commit: fetch → render → validate → apply (and prune)
 * → record, for every targeted cluster concurrently, so that a cluster that fails never blocks the
 * others. Each cluster ends in one {@link io.fleetgate.sync.ClusterOutcome}.
 */
package io.fleetgate.sync;
