package io.fleetgate.sync;

import io.fleetgate.render.Renderer;

/** Renders what the cluster should hold; any problem stalls it before anything is decided. */
final class RenderPhase implements Phase {

  private final Renderer renderer;

  RenderPhase(Renderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public String name() {
    return "render";
  }

  @Override
  public void run(ClusterScope scope) {
    scope.render = renderer.render(scope.repo, scope.target());
    // The reconcile's budget grows with what it has to apply.
    scope.budgetFor(scope.render.objects().size());
    if (!scope.render.ok()) {
      scope.end(ClusterOutcome.stalled(scope.target(), scope.render.problems()));
    }
  }
}
