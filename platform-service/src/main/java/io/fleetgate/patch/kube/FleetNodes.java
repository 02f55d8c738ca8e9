package io.fleetgate.patch.kube;

import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every workload cluster's nodes, read side by side on virtual threads: the listings in the
 * directory's order, and the clusters the directory declares but cannot reach at all.
 *
 * @param listings one per cluster discovered, listed or unreachable
 * @param notRead one sentence per declared cluster that has no usable kubeconfig
 */
public record FleetNodes(List<NodeListing> listings, List<String> notRead) {

  public FleetNodes {
    listings = List.copyOf(listings);
    notRead = List.copyOf(notRead);
  }

  /**
   * Discovers the clusters and reads each one's nodes.
   *
   * @throws io.fleetgate.kube.KubeException when the management cluster cannot be read
   */
  public static FleetNodes read(ClusterDirectory directory, NodeSource nodes) {
    ClusterDirectory.Discovery discovery = directory.discover();
    List<Future<NodeListing>> reads = new ArrayList<>();
    try (var readers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (ClusterAccess cluster : discovery.clusters()) {
        reads.add(readers.submit(() -> nodes.read(cluster)));
      }
    }
    List<NodeListing> listings = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      String cluster = discovery.clusters().get(i).target().qualifiedName();
      try {
        listings.add(reads.get(i).get());
      } catch (ExecutionException e) {
        listings.add(NodeListing.unreachable(cluster, "reading its nodes failed: " + e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        listings.add(NodeListing.unreachable(cluster, "interrupted"));
      }
    }
    return new FleetNodes(listings, discovery.problems());
  }
}
