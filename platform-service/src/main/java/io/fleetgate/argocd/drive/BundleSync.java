package io.fleetgate.argocd.drive;

import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.ObjectResult.Action;
import io.fleetgate.argocd.deploy.ArgoApplications;
import io.fleetgate.argocd.deploy.ArgoApplications.Operation;
import io.fleetgate.argocd.deploy.ArgoApplications.ResourceResult;
import io.fleetgate.argocd.deploy.BundleApplication;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One bundle's sync through Argo CD: the Application pointed at the rendered commit, a sync of the
 * bundle's objects to apply, and, once Argo CD has finished that operation (told from the one
 * before it by its start), one result per object from what Argo CD reports for it.
 */
final class BundleSync {

  private final ArgoApplications argo;
  private final SyncWait wait;
  private final BundleApplication app;

  BundleSync(ArgoApplications argo, SyncWait wait, BundleApplication app) {
    this.argo = argo;
    this.wait = wait;
    this.app = app;
  }

  /**
   * What the sync came to: one result per step, in the steps' order, and how Argo CD's operation
   * ended ({@link ArgoApplications.Phase#UNKNOWN} when it did not or could not be asked).
   */
  record Done(List<ObjectResult> results, ArgoApplications.Phase phase) {}

  /** Runs the sync; never throws for what Argo CD answers. */
  Done run(List<Step> steps) {
    Operation finished;
    try {
      argo.upsert(app, "");
      String before = argo.operation(app.name()).map(Operation::startedAt).orElse("");
      List<ObjectRef> refs = steps.stream().map(Step::ref).toList();
      argo.sync(app.name(), app.revision(), refs);
      finished = awaitNext(before, refs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(steps, "cut off while Argo CD synced Application " + app.name());
    } catch (RuntimeException e) {
      return failed(steps, "Argo CD: " + e.getMessage());
    }
    if (finished == null) {
      return failed(
          steps,
          "Argo CD did not finish syncing Application "
              + app.name()
              + " within "
              + wait.timeout().toSeconds()
              + " s; "
              + terminate());
    }
    return new Done(results(steps, finished), finished.phase());
  }

  /**
   * Stops a sync that ran past its wait, so that it does not go on applying after Fleetgate has
   * recorded its objects as failed; says what came of it.
   */
  private String terminate() {
    try {
      argo.terminate(app.name());
      return "Argo CD was told to terminate the operation";
    } catch (RuntimeException e) {
      return "terminating the operation failed: " + e.getMessage();
    }
  }

  /**
   * Waits for the operation after {@code before} to finish. Argo CD can leave a sync it accepted
   * untaken, or lose it, when its controller writes the Application at the same moment: when no new
   * operation has started after {@link #RESEND} polls, the sync is asked for again, and when Argo
   * CD refuses that because the first is still pending, the Application is refreshed, which makes
   * the controller take the pending sync up.
   */
  private Operation awaitNext(String before, List<ObjectRef> refs) throws InterruptedException {
    long until = System.nanoTime() + wait.timeout().toNanos();
    int unseen = 0;
    while (true) {
      Optional<Operation> now = argo.operation(app.name());
      boolean started = now.isPresent() && !now.get().startedAt().equals(before);
      if (started && now.get().phase().finished()) {
        return now.get();
      }
      if (System.nanoTime() >= until) {
        return null;
      }
      if (!started && ++unseen % RESEND == 0) {
        try {
          argo.sync(app.name(), app.revision(), refs);
        } catch (RuntimeException pending) {
          try {
            argo.refresh(app.name());
          } catch (RuntimeException e) {
            // the next poll asks again
          }
        }
      }
      Thread.sleep(wait.poll().toMillis());
    }
  }

  /** Polls without a new operation before the sync is asked for again (5 s at the default). */
  static final int RESEND = 10;

  private List<ObjectResult> results(List<Step> steps, Operation operation) {
    Map<ObjectRef, ResourceResult> byRef = new HashMap<>();
    for (ResourceResult r : operation.resources()) {
      byRef.put(r.ref(), r);
    }
    String at =
        "synced by Argo CD (Application "
            + app.name()
            + ", rendered commit "
            + app.revision().substring(0, 12)
            + ")";
    List<ObjectResult> results = new ArrayList<>(steps.size());
    for (Step step : steps) {
      ResourceResult r = byRef.get(step.ref());
      if (r != null
          && r.status() == ArgoApplications.ResourceStatus.SYNCED
          && !operation.revision().equals(app.revision())) {
        results.add(
            result(
                step,
                Action.FAILED,
                "Argo CD synced revision "
                    + operation.revision()
                    + ", not the rendered commit "
                    + app.revision()));
      } else if (r != null && r.status() == ArgoApplications.ResourceStatus.SYNCED) {
        results.add(
            step instanceof Step.Adopt adopt
                ? result(
                    step, Action.ADOPTED, "moved from bundle " + adopt.from().bundle() + "; " + at)
                : result(step, Action.APPLIED, at));
      } else if (r != null) {
        results.add(result(step, Action.FAILED, "Argo CD: " + r.message()));
      } else {
        results.add(
            result(
                step,
                Action.FAILED,
                "Argo CD did not report it (operation "
                    + operation.phase().name().toLowerCase(java.util.Locale.ROOT)
                    + (operation.message().isBlank() ? "" : ": " + operation.message())
                    + ")"));
      }
    }
    return results;
  }

  private static Done failed(List<Step> steps, String reason) {
    return new Done(
        steps.stream().map(s -> result(s, Action.FAILED, reason)).toList(),
        ArgoApplications.Phase.UNKNOWN);
  }

  private static ObjectResult result(Step step, Action action, String message) {
    return new ObjectResult(step.ref(), step.bundle(), step.source(), action, message);
  }
}
