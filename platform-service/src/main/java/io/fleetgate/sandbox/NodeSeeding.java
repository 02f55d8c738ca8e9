package io.fleetgate.sandbox;

import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.kube.ClusterApi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Seeds the simulated nodes of every workload cluster at the image its Cluster's topology declares
 * ({@link ClusterTopology}), so the nodes and the management cluster agree from the start. A part
 * the topology does not give, and a Cluster without topology (declared by an older sandbox), take
 * the {@link StartingImages starting image}. Nodes that exist are kept as they are.
 */
public final class NodeSeeding {

  /**
   * What seeding did in one cluster.
   *
   * @param created the nodes created now (the others were kept)
   * @param image the image new nodes got
   */
  public record Seeded(String cluster, List<String> created, NodeImage image) {
    public Seeded {
      created = List.copyOf(created);
    }
  }

  private final Function<String, ClusterApi> clusters;

  /**
   * @param clusters a client for the management cluster ({@link SandboxLayout#MANAGEMENT}) and each
   *     workload cluster by name, e.g. {@link SandboxFleet#api}
   */
  public NodeSeeding(Function<String, ClusterApi> clusters) {
    this.clusters = clusters;
  }

  /**
   * @param workloads the fleet's workload clusters, in the fleet's order
   * @param perCluster nodes in each
   */
  public List<Seeded> seed(List<String> workloads, int perCluster) {
    ClusterApi management = clusters.apply(SandboxLayout.MANAGEMENT);
    NodeSimulator simulator = new NodeSimulator(clusters);
    List<Seeded> seeded = new ArrayList<>();
    for (String cluster : workloads) {
      NodeImage image = imageFor(management, workloads, cluster);
      seeded.add(new Seeded(cluster, simulator.seed(cluster, perCluster, image), image));
    }
    return seeded;
  }

  private NodeImage imageFor(ClusterApi management, List<String> workloads, String cluster) {
    NodeImage starting =
        StartingImages.of(workloads, cluster, clusters.apply(cluster).serverVersion());
    return management
        .get(CapiClusterDirectory.CLUSTER, FleetSeeder.NAMESPACE, cluster)
        .flatMap(ClusterTopology::of)
        .map(topology -> starting.patchedTo(topology.desired()))
        .orElse(starting);
  }
}
