package io.fleetgate.policy;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every object rendered for a cluster, then the objects together (the change set), and
 * decides which bundles may be applied. Fails closed: an object the engine could not decide is
 * denied, with the engine's message as finding; a change set it could not decide denies every
 * object.
 *
 * <p>Evaluations run on the gate's own threads ({@link GateWorkers}) while the caller waits,
 * interruptibly. A caller interrupted while it waits — a reconcile cut off at its deadline — stops
 * the check: the evaluations in flight are interrupted, none starts after, and every object whose
 * decision was not in is denied. Once one evaluation of a check passes its evaluation deadline, the
 * remaining objects of that check are denied without evaluation, so a policy that loops costs a
 * deadline once, not once per object.
 */
public final class PolicyGate {

  private static final Logger log = LoggerFactory.getLogger(PolicyGate.class);
  private static final io.micrometer.core.instrument.Timer EVALUATION =
      io.micrometer.core.instrument.Timer.builder("fleetgate.policy.evaluation")
          .description("One object's policy decision, from the engine or its memo")
          .register(io.micrometer.core.instrument.Metrics.globalRegistry);

  private final PolicyEngines engines;
  private final GateWorkers workers = GateWorkers.perProcessor();

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
    Check check = new Check(evaluator, context);
    Future<Together> together =
        objects.isEmpty()
            ? null
            : workers.submit(() -> decideTogether(evaluator, objects, context));
    List<Future<Judged>> pending = new ArrayList<>(objects.size());
    for (RenderedObject object : objects) {
      pending.add(workers.submit(() -> check.verdict(object)));
    }
    List<Judged> judged = new ArrayList<>(objects.size());
    Together changeSet;
    try {
      for (Future<Judged> future : pending) {
        judged.add(future.get());
      }
      changeSet = together == null ? null : together.get();
    } catch (InterruptedException e) {
      check.cancel();
      pending.forEach(future -> future.cancel(true));
      if (together != null) {
        together.cancel(true);
      }
      Thread.currentThread().interrupt();
      log.warn(
          "Policy check for {} cut off; denying every object not yet decided",
          context.cluster().name());
      judged = cutOff(objects, pending, evaluator);
      changeSet = null;
    } catch (ExecutionException e) {
      // verdict and decideTogether catch every Throwable; an exception here is a gate bug.
      throw new IllegalStateException("A policy evaluation failed outside the engine", e);
    }
    if (changeSet != null) {
      judgeTogether(evaluator, changeSet, judged, context);
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

    /** The engine was stopped at the evaluation deadline. */
    boolean overran;

    Judged(RenderedObject object) {
      this.object = object;
    }
  }

  /**
   * The verdicts of a check cut off by its caller's interrupt: those decided before the cut, as
   * they were, and a denial for every other object, its change set included.
   */
  private static List<Judged> cutOff(
      List<RenderedObject> objects, List<Future<Judged>> pending, PolicyEvaluator evaluator) {
    List<Judged> judged = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      Future<Judged> future = pending.get(i);
      Judged decided = null;
      if (future.state() == Future.State.SUCCESS) {
        decided = future.resultNow();
      }
      if (decided == null) {
        decided = new Judged(objects.get(i));
        decided.denials.add(
            new Finding(
                Finding.ENGINE,
                "not evaluated by policy engine "
                    + evaluator.engine()
                    + ": the reconcile was cut off at its deadline before this object's decision"
                    + " was in, so it is denied"));
        decided.engineError = true;
      }
      judged.add(decided);
    }
    return judged;
  }

  /**
   * One call of {@link #check}: whether its caller cut it off, and the first evaluation that passed
   * its deadline, after which no object of the check is evaluated.
   */
  private static final class Check {
    private final PolicyEvaluator evaluator;
    private final PolicyContext context;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<String> overran = new AtomicReference<>();

    Check(PolicyEvaluator evaluator, PolicyContext context) {
      this.evaluator = evaluator;
      this.context = context;
    }

    void cancel() {
      cancelled.set(true);
    }

    Judged verdict(RenderedObject object) {
      if (cancelled.get()) {
        // Never read: the caller has already denied it. Not evaluating it is the point.
        throw new CancellationException("the check was cut off");
      }
      String first = overran.get();
      if (first != null) {
        Judged judged = new Judged(object);
        judged.denials.add(
            new Finding(
                Finding.ENGINE,
                "not evaluated by policy engine "
                    + evaluator.engine()
                    + ": the evaluation of "
                    + first
                    + " passed its evaluation deadline, so the remaining objects of this"
                    + " cluster are denied without evaluation"));
        judged.engineError = true;
        return judged;
      }
      Judged judged = PolicyGate.verdict(evaluator, object, context);
      if (judged.overran) {
        overran.compareAndSet(null, object.ref().toString());
      }
      return judged;
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
      judged.overran = e instanceof PolicyDeadlineException;
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
