package io.fleetgate.policy;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every object rendered for a cluster and decides which bundles may be applied. Fails
 * closed: an object the engine could not decide is denied, with the engine's message as finding.
 */
public final class PolicyGate {

  private static final Logger log = LoggerFactory.getLogger(PolicyGate.class);

  private final PolicyEvaluator evaluator;

  public PolicyGate(PolicyEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  public GateResult check(List<RenderedObject> objects, ClusterTarget cluster, String commit) {
    List<GateResult.Verdict> verdicts = new ArrayList<>(objects.size());
    for (RenderedObject object : objects) {
      verdicts.add(verdict(object, cluster, commit));
    }
    return new GateResult(verdicts);
  }

  private GateResult.Verdict verdict(RenderedObject object, ClusterTarget cluster, String commit) {
    try {
      return new GateResult.Verdict(
          object, evaluator.evaluate(new PolicyInput(object, cluster, commit)), false);
    } catch (PolicyException | RuntimeException e) {
      log.warn(
          "Policy engine failed on {} for {}; denying: {}",
          object.ref(),
          cluster.name(),
          e.getMessage());
      PolicyDecision denied =
          new PolicyDecision(
              List.of(
                  new Finding(
                      Finding.ENGINE,
                      "policy engine "
                          + evaluator.engine()
                          + " failed, so the object is denied: "
                          + e.getMessage())),
              List.of());
      return new GateResult.Verdict(object, denied, true);
    }
  }
}
