package io.fleetgate.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * An evaluator that remembers each decision by the digest of its whole input document, for an
 * engine whose decisions follow from the input alone (see {@link
 * PolicyEvaluator#decidesFromInputAlone()}) running policies that call no nondeterministic
 * built-in. An unchanged object at an unchanged revision is then judged once, not on every sync;
 * anything in the input that differs — the object, its source line, the cluster, the parameters,
 * the commit — is a new evaluation. Failures are never remembered.
 */
final class MemoizedEvaluator implements PolicyEvaluator {

  /**
   * Decisions per generation: a fleet's objects times its clusters, with room (a generation of
   * empty decisions takes about 20 MB).
   */
  static final int OBJECT_DECISIONS = 200_000;

  /** Change-set decisions per generation: one per cluster and revision. */
  static final int CHANGE_SET_DECISIONS = 2_000;

  private static final Counter HITS =
      Counter.builder("fleetgate.policy.memo")
          .tag("result", "hit")
          .description("Policy decisions taken from the memo instead of the engine")
          .register(Metrics.globalRegistry);
  private static final Counter MISSES =
      Counter.builder("fleetgate.policy.memo")
          .tag("result", "miss")
          .description("Policy decisions the engine had to make")
          .register(Metrics.globalRegistry);

  private final PolicyEvaluator engine;
  private final DecisionMemo<PolicyDecision> objects;
  private final DecisionMemo<ChangeSetDecision> changeSets;

  MemoizedEvaluator(PolicyEvaluator engine, int objectDecisions, int changeSetDecisions) {
    this.engine = engine;
    this.objects = new DecisionMemo<>(objectDecisions);
    this.changeSets = new DecisionMemo<>(changeSetDecisions);
  }

  /**
   * The engine itself when its decisions may not be remembered, else the engine behind a memo.
   *
   * @param policies the Rego sources the engine runs, by path
   */
  static PolicyEvaluator over(PolicyEvaluator engine, java.util.Map<String, String> policies) {
    if (!engine.decidesFromInputAlone()
        || Determinism.firstNondeterministicCall(policies).isPresent()) {
      return engine;
    }
    return new MemoizedEvaluator(engine, OBJECT_DECISIONS, CHANGE_SET_DECISIONS);
  }

  @Override
  public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
    InputDigest digest = InputDigest.of(input.document());
    PolicyDecision known = objects.get(digest);
    if (known != null) {
      HITS.increment();
      return known;
    }
    MISSES.increment();
    PolicyDecision decision = engine.evaluate(input);
    objects.put(digest, decision);
    return decision;
  }

  @Override
  public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException {
    InputDigest digest = InputDigest.of(input.document());
    ChangeSetDecision known = changeSets.get(digest);
    if (known != null) {
      HITS.increment();
      return known;
    }
    MISSES.increment();
    ChangeSetDecision decision = engine.evaluateChangeSet(input);
    changeSets.put(digest, decision);
    return decision;
  }

  @Override
  public String engine() {
    return engine.engine();
  }

  @Override
  public boolean decidesFromInputAlone() {
    return true;
  }

  @Override
  public void close() {
    engine.close();
  }
}
