package io.fleetgate.netpol;

import java.util.BitSet;
import java.util.List;

/** A policy resolved against the model: the workloads it selects and its rules with their peers. */
record PolicyIndex(
    Policy policy, BitSet selected, List<BoundRule> ingress, List<BoundRule> egress) {

  List<BoundRule> rules(Direction direction) {
    return direction == Direction.INGRESS ? ingress : egress;
  }
}
