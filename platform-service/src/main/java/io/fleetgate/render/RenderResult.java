package io.fleetgate.render;

import io.fleetgate.domain.RenderedObject;
import java.util.List;
import java.util.Map;

/**
 * What one cluster should hold, or why that cannot be known.
 *
 * @param bundles the bundles selected for the cluster, in apply order
 * @param objects the rendered objects; meaningless when there are problems
 * @param problems everything wrong that affects this cluster; when non-empty the cluster must not
 *     be synced, and above all not pruned
 * @param policyParameters the policy parameters fleet.yaml gives the cluster's group
 */
public record RenderResult(
    List<String> bundles,
    List<RenderedObject> objects,
    List<RenderProblem> problems,
    Map<String, Object> policyParameters) {

  public RenderResult {
    bundles = List.copyOf(bundles);
    objects = List.copyOf(objects);
    problems = List.copyOf(problems);
    policyParameters =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(policyParameters));
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
