package io.fleetgate.argocd.drive;

import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.plan.Step;

/**
 * The result of a prune-side step in a sync in which nothing may be deleted (an object failed to
 * apply, an Application could not be moved off the commit holding the object, or Argo CD does not
 * track by annotation), as Fleetgate's own writer decides when an apply failed (an object already
 * gone is recorded as pruned).
 */
final class KeptPrune {

  private KeptPrune() {}

  /**
   * @param why why the objects to prune are kept
   */
  static ObjectResult of(Step step, String why) {
    return switch (step) {
      case Step.Prune p -> result(p, Action.PROTECTED, why);
      case Step.Release r when r.reason() == Step.Reason.ALREADY_GONE ->
          result(r, Action.PRUNED, r.reason().message());
      case Step.Release r -> result(r, Action.PROTECTED, r.reason().message());
      case Step.Retain r -> result(r, Action.PROTECTED, r.reason().message());
      default -> throw new IllegalArgumentException("not a prune step: " + step);
    };
  }

  private static ObjectResult result(Step step, Action action, String message) {
    return new ObjectResult(step.ref(), step.bundle(), step.source(), action, message);
  }
}
