package io.fleetgate.sandbox;

import io.fleetgate.patch.PatchTarget;
import java.util.Objects;

/**
 * One simulated node as its Node object shows it now.
 *
 * @param name the node's name
 * @param image what {@code status.nodeInfo} reports
 * @param ready whether its Ready condition is True
 * @param drained whether it carries the simulator's drain marker (cordoned for an upgrade that has
 *     not finished)
 */
public record SimulatedNode(String name, NodeImage image, boolean ready, boolean drained) {

  public SimulatedNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
  }

  /**
   * Whether the node is where the target wants it: Ready, every part the target names as the target
   * has it, and not left drained by an upgrade that stopped half-way. A node that differs is walked
   * again.
   */
  public boolean at(PatchTarget target) {
    return ready && !drained && image.patchedTo(target).equals(image);
  }
}
