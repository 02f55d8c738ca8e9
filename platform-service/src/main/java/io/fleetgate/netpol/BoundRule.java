package io.fleetgate.netpol;

import java.util.BitSet;
import java.util.List;

/**
 * A rule with its peers resolved against the model: the workloads it admits as a bit set over
 * workload indices, and its address blocks.
 *
 * @param number the rule's position in its direction, from 1
 * @param pods the workloads any of its pod peers selects (all of them for a rule without peers)
 * @param blocks its ipBlock peers
 * @param fixed what it allows regardless of the destination, or {@code null} when it names ports
 */
record BoundRule(
    Policy policy,
    Direction direction,
    int number,
    Rule rule,
    BitSet pods,
    List<IpBlock> blocks,
    ConnectionSet fixed) {

  /** What the rule allows to a workload destination. */
  ConnectionSet connections(Workload destination) {
    return fixed != null ? fixed : rule.connections(destination.ports());
  }

  /** What the rule allows to an address outside the cluster (named ports match nothing). */
  ConnectionSet connectionsToAddresses() {
    return fixed != null ? fixed : rule.connections(List.of());
  }

  /** Whether the rule admits the address piece. */
  boolean admits(IpRange piece) {
    if (rule.anyPeer()) {
      return true;
    }
    for (IpBlock block : blocks) {
      if (block.covers(piece)) {
        return true;
      }
    }
    return false;
  }

  /** {@code payments/allow-gateway ingress rule 1}. */
  String describe() {
    return policy.id() + " " + direction.word() + " rule " + number;
  }
}
