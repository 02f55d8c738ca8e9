package io.fleetgate.patch;

import java.util.List;

/** One cluster in the matrix: its nodes counted by patch level, or why they are unknown. */
public sealed interface ClusterPatchState {

  /** {@code namespace/name}. */
  String cluster();

  /**
   * Whether the cluster is not known to be up to date: some node behind the target, or the cluster
   * unreachable. Without a target nothing is behind but an unreachable cluster.
   */
  boolean behind();

  /**
   * @param levels the rows, in {@link PatchLevel#ORDER}
   * @param nodes all the cluster's nodes
   * @param upToDate those up to date against the matrix's target
   * @param judged whether there was a target to judge against
   */
  record Counted(String cluster, List<LevelRow> levels, int nodes, int upToDate, boolean judged)
      implements ClusterPatchState {
    public Counted {
      levels = List.copyOf(levels);
    }

    @Override
    public boolean behind() {
      return judged && upToDate < nodes;
    }
  }

  /** The nodes could not be read: unknown, never zero. */
  record Unreachable(String cluster, String reason) implements ClusterPatchState {
    @Override
    public boolean behind() {
      return true;
    }
  }
}
