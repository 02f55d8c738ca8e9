package io.fleetgate.plan;

import java.util.List;
import java.util.Optional;

/**
 * What one cluster's sync will do, step by step: the apply side in apply order (CRDs and Namespaces
 * first), then the prune side in reverse (workloads before their Namespace, CRDs last).
 *
 * @param halted why nothing at all may be done, when the input cannot be trusted (an empty render
 *     over a non-empty inventory); then {@code steps} is empty
 */
public record SyncPlan(List<Step> steps, Optional<String> halted) {

  public SyncPlan {
    steps = List.copyOf(steps);
  }

  static SyncPlan of(List<Step> steps) {
    return new SyncPlan(steps, Optional.empty());
  }

  static SyncPlan halt(String reason) {
    return new SyncPlan(List.of(), Optional.of(reason));
  }

  /** The apply-side steps, in apply order. */
  public List<Step> applySide() {
    return steps.stream().filter(Step::applySide).toList();
  }

  /** The prune-side steps, in prune order. */
  public List<Step> pruneSide() {
    return steps.stream().filter(s -> !s.applySide()).toList();
  }

  /** How many steps are of the given type. */
  public long count(Class<? extends Step> type) {
    return steps.stream().filter(type::isInstance).count();
  }
}
