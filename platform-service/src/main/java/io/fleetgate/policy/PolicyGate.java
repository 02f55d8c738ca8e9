package io.fleetgate.policy;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every object rendered for a cluster, then the objects together (the change set), and
 * decides which bundles may be applied. Fails closed: an object the engine could not decide is
 * denied, with the engine's message as finding; a change set it could not decide denies every
 * object.
 */
public final class PolicyGate {

  private static final Logger log = LoggerFactory.getLogger(PolicyGate.class);
  private static final io.micrometer.core.instrument.Timer EVALUATION =
      io.micrometer.core.instrument.Timer.builder("fleetgate.policy.evaluation")
          .description("One object's policy decision, from the engine or its memo")
          .register(io.micrometer.core.instrument.Metrics.globalRegistry);

  private final PolicyEngines engines;

  public PolicyGate(PolicyEngines engines) {
    this.engines = engines;
  }

  /** A gate for the built-in policies only. */
  public PolicyGate(PolicyEvaluator evaluator) {
    this(
        PolicyEngines.builtInOnly(
            evaluator, "this gate evaluates the built-in policies only, not the fleet's own"));
  }

  public GateResult check(List<RenderedObject> objects, ClusterTarget cluster, String commit)
      throws PolicyCompileException {
    return check(objects, PolicyContext.of(cluster, commit));
  }

  /**
   * Evaluates every object and the change set; a denial covered by a waiver active on the context's
   * day is recorded as waived instead of blocking. An expired waiver changes nothing but the
   * message, which says so.
   *
   * @throws PolicyCompileException when the repository's own policies cannot be used; nothing may
   *     be applied from this revision
   */
  public GateResult check(List<RenderedObject> objects, PolicyContext context)
      throws PolicyCompileException {
    PolicyEvaluator evaluator = engines.evaluatorFor(context.policies());
    // The change set and the objects are judged independently, so they are judged at the same
    // time on every core (the evaluator is thread-safe); the verdicts keep the objects' order.
    CompletableFuture<Together> together =
        objects.isEmpty()
            ? null
            : CompletableFuture.supplyAsync(() -> decideTogether(evaluator, objects, context));
    List<Judged> judged =
        objects.parallelStream().map(object -> verdict(evaluator, object, context)).toList();
    if (together != null) {
      judgeTogether(evaluator, together.join(), judged, context);
    }
    List<GateResult.Verdict> verdicts = new ArrayList<>(judged.size());
    for (Judged j : judged) {
      GateResult.Verdict verdict =
          new GateResult.Verdict(
              j.object, new PolicyDecision(j.denials, j.warnings), j.engineError);
      verdicts.add(
          applyWaivers(verdict, context.cluster().name(), context.waivers(), context.today()));
    }
    return new GateResult(verdicts);
  }

  /** One object's findings while the per-object and the change-set results are gathered. */
  private static final class Judged {
    final RenderedObject object;
    final List<Finding> denials = new ArrayList<>();
    final List<Finding> warnings = new ArrayList<>();
    boolean engineError;

    Judged(RenderedObject object) {
      this.object = object;
    }
  }

  /** The change set's decision, or the exception the engine failed with. */
  private record Together(ChangeSetDecision decision, Throwable failure) {}

  private static Together decideTogether(
      PolicyEvaluator evaluator, List<RenderedObject> objects, PolicyContext context) {
    try {
      return new Together(
          evaluator.evaluateChangeSet(
              new ChangeSetInput(
                  objects, context.cluster(), context.commit(), context.parameters())),
          null);
    } catch (PolicyException | RuntimeException | Error e) {
      // Whatever the engine throws, an Error included, denies: it never escapes the gate.
      return new Together(null, e);
    }
  }

  private static void judgeTogether(
      PolicyEvaluator evaluator, Together outcome, List<Judged> judged, PolicyContext context) {
    if (outcome.failure() != null) {
      Throwable e = outcome.failure();
      log.warn(
          "Policy engine failed on the change set for {}; denying every object: {}",
          context.cluster().name(),
          e.getMessage());
      for (Judged j : judged) {
        j.denials.add(engineFailure(evaluator, "the change set", e));
        j.engineError = true;
      }
      return;
    }
    ChangeSetDecision decision = outcome.decision();
    Map<String, Judged> byRef = new HashMap<>();
    for (Judged j : judged) {
      byRef.putIfAbsent(key(j.object.ref()), j);
    }
    attach(decision.denials(), byRef, judged, true);
    attach(decision.warnings(), byRef, judged, false);
  }

  /**
   * Adds each finding to the object it names; a finding naming no object of the set (a policy bug)
   * lands on the first object, so that it is seen and, for a denial, still blocks.
   */
  private static void attach(
      List<ChangeSetDecision.ObjectFinding> findings,
      Map<String, Judged> byRef,
      List<Judged> judged,
      boolean deny) {
    for (ChangeSetDecision.ObjectFinding f : findings) {
      Judged target = byRef.get(f.kind() + "|" + f.namespace() + "|" + f.name());
      Finding finding = f.finding();
      if (target == null) {
        target = judged.getFirst();
        finding =
            new Finding(
                finding.policy(),
                finding.message()
                    + " (about "
                    + f.kind()
                    + " "
                    + f.namespace()
                    + "/"
                    + f.name()
                    + ", which this change set does not hold)");
      }
      (deny ? target.denials : target.warnings).add(finding);
    }
  }

  private static String key(ObjectRef ref) {
    return ref.kind() + "|" + (ref.namespace() == null ? "" : ref.namespace()) + "|" + ref.name();
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

  private static Judged verdict(
      PolicyEvaluator evaluator, RenderedObject object, PolicyContext context) {
    Judged judged = new Judged(object);
    long started = System.nanoTime();
    try {
      PolicyDecision decision =
          evaluator.evaluate(
              new PolicyInput(object, context.cluster(), context.commit(), context.parameters()));
      judged.denials.addAll(decision.denials());
      judged.warnings.addAll(decision.warnings());
    } catch (PolicyException | RuntimeException | Error e) {
      log.warn(
          "Policy engine failed on {} for {}; denying: {}",
          object.ref(),
          context.cluster().name(),
          e.getMessage());
      judged.denials.add(engineFailure(evaluator, object.ref().toString(), e));
      judged.engineError = true;
    }
    EVALUATION.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    return judged;
  }

  private static Finding engineFailure(PolicyEvaluator evaluator, String what, Throwable e) {
    return new Finding(
        Finding.ENGINE,
        "policy engine "
            + evaluator.engine()
            + " failed on "
            + what
            + ", so it is denied: "
            + (e instanceof Error ? e.toString() : e.getMessage()));
  }
}
