package io.fleetgate.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet's patch state: for every cluster, its nodes counted by Kubernetes version × kernel × OS
 * image, and how many are up to date against a target. Clusters are sorted by {@code
 * namespace/name}, rows by {@link PatchLevel#ORDER}.
 *
 * @param target what "up to date" means; {@link PatchTarget#NONE} to count without judging
 * @param clusters every cluster read (or not), sorted
 * @param notRead clusters the fleet declares but that could not even be listed for reading (no
 *     kubeconfig Secret, say), one sentence each
 */
public record PatchMatrix(
    PatchTarget target, List<ClusterPatchState> clusters, List<String> notRead) {

  public PatchMatrix {
    clusters = clusters.stream().sorted(Comparator.comparing(ClusterPatchState::cluster)).toList();
    notRead = notRead.stream().map(FieldBound::cut).toList();
  }

  /** Counts every listing's nodes against the target. */
  public static PatchMatrix of(
      List<NodeListing> listings, PatchTarget target, List<String> notRead) {
    List<ClusterPatchState> clusters = new ArrayList<>();
    for (NodeListing listing : listings) {
      clusters.add(
          switch (listing) {
            case NodeListing.Listed listed -> count(listed, target);
            case NodeListing.Unreachable u ->
                new ClusterPatchState.Unreachable(u.cluster(), u.reason());
          });
    }
    return new PatchMatrix(target, clusters, notRead);
  }

  private static ClusterPatchState.Counted count(NodeListing.Listed listed, PatchTarget target) {
    Map<PatchLevel, int[]> byLevel = new TreeMap<>(PatchLevel.ORDER);
    int upToDate = 0;
    for (NodePatchLevel node : listed.nodes()) {
      int[] counts = byLevel.computeIfAbsent(node.level(), level -> new int[4]);
      boolean current = target.names() && target.upToDate(node);
      counts[0]++;
      counts[1] += current ? 1 : 0;
      counts[2] += node.ready() == NodeReadiness.READY ? 0 : 1;
      counts[3] += node.schedulable() ? 0 : 1;
      upToDate += current ? 1 : 0;
    }
    List<LevelRow> rows = new ArrayList<>();
    byLevel.forEach((level, c) -> rows.add(new LevelRow(level, c[0], c[1], c[2], c[3])));
    return new ClusterPatchState.Counted(
        listed.cluster(), rows, listed.nodes().size(), upToDate, target.names());
  }

  /** The clusters the filter shows; the target and what was not read stay. */
  public PatchMatrix filter(MatrixFilter filter) {
    return new PatchMatrix(target, clusters.stream().filter(filter::shows).toList(), notRead);
  }

  /**
   * Whether every cluster was read and nothing is behind: all nodes up to date when there is a
   * target, all clusters read when there is none.
   */
  public boolean complete() {
    return notRead.isEmpty() && clusters.stream().noneMatch(ClusterPatchState::behind);
  }
}
