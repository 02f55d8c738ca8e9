package io.fleetgate.argocd.drive;

import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.plan.Step;

/**
 * The result of a prune-side step in a sync in which an object failed to apply: nothing is deleted,
 * as Fleetgate's own writer decides (an object already gone is recorded as pruned).
 */
final class KeptPrune {

  private KeptPrune() {}

  static ObjectResult of(Step step) {
    return switch (step) {
      case Step.Prune p -> result(p, Action.PROTECTED, Step.Reason.APPLY_FAILED.message());
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
