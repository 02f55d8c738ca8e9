package io.fleetgate.apply.kube;

import io.fleetgate.apply.PlannedChange;
import io.fleetgate.apply.PlannedChange.Change;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.LiveDiff;
import io.fleetgate.plan.DesiredObject;
import io.fleetgate.plan.Step;
import io.fleetgate.plan.SyncPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan would change in one cluster, found without changing anything: per object a
 * server-side dry run against the live object, and the diff between them.
 */
final class PlanPreview {

  private final ClusterApi api;

  PlanPreview(ClusterApi api) {
    this.api = api;
  }

  List<PlannedChange> preview(SyncPlan plan) {
    List<PlannedChange> changes = new ArrayList<>(plan.steps().size());
    for (Step step : plan.steps()) {
      switch (step) {
        case Step.Apply a -> changes.add(compare(step, a.object(), false));
        case Step.Adopt a -> changes.add(compare(step, a.object(), true));
        case Step.Skip s -> changes.add(compare(step, s.object(), false));
        case Step.CheckDrift c -> changes.add(compare(step, c.object(), false));
        case Step.Blocked b -> {
          // The gate's denials describe these objects.
        }
        case Step.Prune p -> changes.add(change(step, Change.PRUNE, List.of()));
        case Step.Release r when r.reason() == Step.Reason.ALREADY_GONE ->
            changes.add(change(step, Change.PRUNE, List.of(r.reason().message())));
        case Step.Release r ->
            changes.add(change(step, Change.KEEP_PROTECTED, List.of(r.reason().message())));
        case Step.Retain r ->
            changes.add(change(step, Change.KEEP_PROTECTED, List.of(r.reason().message())));
      }
    }
    return changes;
  }

  private PlannedChange compare(Step step, DesiredObject object, boolean adopt) {
    try {
      GroupVersionKind gvk = GroupVersionKind.of(object.apiVersion(), object.ref().kind());
      var live =
          api.get(
              gvk,
              object.ref().namespace().isEmpty() ? null : object.ref().namespace(),
              object.ref().name());
      var result = api.dryRunApply(object.content());
      if (live.isEmpty()) {
        return change(step, Change.CREATE, List.of());
      }
      List<String> diff = LiveDiff.between(live.get().json(), result.json());
      if (adopt) {
        return change(step, Change.ADOPT, diff);
      }
      return change(step, diff.isEmpty() ? Change.UNCHANGED : Change.UPDATE, diff);
    } catch (KubeException e) {
      return change(step, Change.INVALID, List.of(e.getMessage()));
    }
  }

  private static PlannedChange change(Step step, Change change, List<String> diff) {
    return new PlannedChange(step.ref(), step.bundle(), step.source(), change, diff);
  }
}
