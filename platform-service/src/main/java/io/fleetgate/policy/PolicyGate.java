package io.fleetgate.policy;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
    return check(objects, cluster, commit, Waivers.none(), LocalDate.now(ZoneOffset.UTC));
  }

  /**
   * Evaluates every object; a denial covered by a waiver active on {@code today} is recorded as
   * waived instead of blocking. An expired waiver changes nothing but the message, which says so.
   */
  public GateResult check(
      List<RenderedObject> objects,
      ClusterTarget cluster,
      String commit,
      Waivers waivers,
      LocalDate today) {
    List<GateResult.Verdict> verdicts = new ArrayList<>(objects.size());
    for (RenderedObject object : objects) {
      verdicts.add(applyWaivers(verdict(object, cluster, commit), cluster.name(), waivers, today));
    }
    return new GateResult(verdicts);
  }

  private static GateResult.Verdict applyWaivers(
      GateResult.Verdict verdict, String cluster, Waivers waivers, LocalDate today) {
    if (verdict.decision().denials().isEmpty() || waivers.waivers().isEmpty()) {
      return verdict;
    }
    String object = verdict.object().ref().toString();
    List<Finding> denials = new ArrayList<>();
    List<GateResult.WaivedFinding> waived = new ArrayList<>();
    for (Finding denial : verdict.decision().denials()) {
      var waiver = waivers.find(denial, object, cluster, today);
      if (waiver.isPresent() && waiver.get().activeOn(today)) {
        waived.add(new GateResult.WaivedFinding(denial, waiver.get()));
      } else if (waiver.isPresent()) {
        denials.add(
            new Finding(
                denial.policy(),
                denial.message()
                    + " (the waiver at "
                    + waiver.get().declaredAt()
                    + " expired on "
                    + waiver.get().expires()
                    + ")"));
      } else {
        denials.add(denial);
      }
    }
    return new GateResult.Verdict(
        verdict.object(),
        new PolicyDecision(denials, verdict.decision().warnings()),
        verdict.engineError(),
        waived);
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
