package io.fleetgate.sandbox;

import io.fleetgate.patch.PatchTarget;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What the {@link UpgradePlayer} did or ran into, each as one log line. */
public sealed interface PlayerEvent {

  /** The event as one line, for a log or a terminal. */
  String line();

  /** A walk began: {@code nodes} differ from what the cluster's topology declares. */
  record WalkStarted(String cluster, PatchTarget target, List<String> nodes, int nodesAtOnce)
      implements PlayerEvent {
    public WalkStarted {
      nodes = List.copyOf(nodes);
    }

    @Override
    public String line() {
      return String.format(
          "Walk started: %s, %d node(s) to %s, %d at a time (%s)",
          cluster, nodes.size(), target.describe(), nodesAtOnce, String.join(", ", nodes));
    }
  }

  /** A walk ended: completed, halted at a node that never came back, or called off. */
  record WalkEnded(String cluster, PatchTarget target, UpgradeOutcome outcome, Duration took)
      implements PlayerEvent {
    @Override
    public String line() {
      String upgraded =
          outcome.upgraded().isEmpty() ? "none" : String.join(", ", outcome.upgraded());
      return switch (outcome) {
        case UpgradeOutcome.Completed c ->
            String.format(
                "Walk finished: %s at %s in %s; upgraded %s",
                cluster, target.describe(), seconds(took), upgraded);
        case UpgradeOutcome.Halted h ->
            String.format(
                "Walk halted: %s at node %s after %s: %s; upgraded %s",
                cluster, h.node(), seconds(took), h.reason(), upgraded);
        case UpgradeOutcome.Stopped s ->
            String.format(
                "Walk stopped: %s to %s after %s: %s; upgraded %s",
                cluster, target.describe(), seconds(took), s.reason(), upgraded);
      };
    }
  }

  /** A walk broke off with an error; the next poll starts it again where the nodes are. */
  record WalkFailed(String cluster, PatchTarget target, String reason, Duration took)
      implements PlayerEvent {
    @Override
    public String line() {
      return String.format(
          "Walk failed: %s to %s after %s: %s; the next poll tries again",
          cluster, target.describe(), seconds(took), reason);
    }
  }

  /** A cluster (or the management cluster) cannot be read; said once until it changes. */
  record Unreadable(String cluster, String reason) implements PlayerEvent {
    @Override
    public String line() {
      return "Cannot read " + cluster + ": " + reason + "; retrying at every poll";
    }
  }

  /** A cluster that could not be read can be again. */
  record Readable(String cluster) implements PlayerEvent {
    @Override
    public String line() {
      return "Can read " + cluster + " again";
    }
  }

  /** A value in a cluster's topology that the player leaves out; said once. */
  record TopologyProblem(String cluster, String problem) implements PlayerEvent {
    @Override
    public String line() {
      return "Cluster " + FleetSeeder.NAMESPACE + "/" + cluster + ": " + problem;
    }
  }

  private static String seconds(Duration took) {
    return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
  }
}
