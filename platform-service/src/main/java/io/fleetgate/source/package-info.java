/**
 * Fetches the fleet config repository: the {@link io.fleetgate.source.SourceFetcher} port and the
 * outcome of a fetch — a fresh revision, or the last one fetched, marked stale, when the remote
 * cannot be reached.
 */
package io.fleetgate.source;
