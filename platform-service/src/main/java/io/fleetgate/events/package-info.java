/**
 * The platform's live events — sync started and finished, objects applied, drift, findings, cluster
 * reachability — numbered in one sequence and kept in a bounded replay buffer, so that a client
 * that reconnects with the last id it saw misses nothing the buffer still holds.
 */
package io.fleetgate.events;
