package io.fleetgate.render;

import io.fleetgate.domain.RenderedObject;
import java.util.List;

/**
 * What one cluster should hold, or why that cannot be known.
 *
 * @param bundles the bundles selected for the cluster, in apply order
 * @param objects the rendered objects; meaningless when there are problems
 * @param problems everything wrong that affects this cluster; when non-empty the cluster must not
 *     be synced, and above all not pruned
 */
public record RenderResult(
    List<String> bundles, List<RenderedObject> objects, List<RenderProblem> problems) {

  public RenderResult {
    bundles = List.copyOf(bundles);
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
