package io.fleetgate.sync;

import io.fleetgate.apply.PlannedChange;
import io.fleetgate.policy.GateResult;
import io.fleetgate.render.RenderProblem;
import java.util.List;

/**
 * What a sync would do to one cluster ({@code fleetgate diff}).
 *
 * @param problems render problems; when present nothing else was planned
 * @param gate policy verdicts; denied bundles are left out of {@code changes}
 * @param changes per-object plan, apply order first, then prunes
 * @param unreachable why the cluster could not be asked, or ""
 */
public record ClusterPlan(
    String cluster,
    List<RenderProblem> problems,
    GateResult gate,
    List<PlannedChange> changes,
    String unreachable) {}
