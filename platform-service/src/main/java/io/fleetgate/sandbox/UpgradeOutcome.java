package io.fleetgate.sandbox;

import java.util.List;

/** How a simulated upgrade of one cluster's nodes ended. */
public sealed interface UpgradeOutcome {

  /** The nodes upgraded, in the order they were walked. */
  List<String> upgraded();

  /** Every node reached the target (nodes already at it are not in {@link #upgraded}). */
  record Completed(List<String> upgraded) implements UpgradeOutcome {
    public Completed {
      upgraded = List.copyOf(upgraded);
    }
  }

  /**
   * The walk stopped at {@code node}, which stays cordoned and not Ready; nodes after it were not
   * touched.
   */
  record Halted(List<String> upgraded, String node, String reason) implements UpgradeOutcome {
    public Halted {
      upgraded = List.copyOf(upgraded);
    }
  }

  /**
   * The walk was called off between two batches, e.g. because the cluster now declares another
   * image; every node it touched finished, the nodes after them were not touched.
   */
  record Stopped(List<String> upgraded, String reason) implements UpgradeOutcome {
    public Stopped {
      upgraded = List.copyOf(upgraded);
    }
  }
}
