package io.fleetgate.patch;

import io.fleetgate.domain.ClusterAccess;

/**
 * Reads the nodes of one workload cluster. Implementations never throw for a cluster they cannot
 * reach: they return {@link NodeListing.Unreachable} with the reason, so that no cluster is left
 * out of the matrix or counted as having no nodes.
 */
public interface NodeSource {

  NodeListing read(ClusterAccess cluster);
}
