package io.fleetgate.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * An evaluator that remembers the latest decision for each object of each bundle on each cluster
 * (and each cluster's change set) with the digest of its whole input document, for an engine whose
 * decisions follow from the input alone (see {@link PolicyEvaluator#decidesFromInputAlone()})
 * running policies that call no nondeterministic built-in. An unchanged object at an unchanged
 * revision is then judged once, not on every sync; anything in the input that differs — the object,
 * its bundle or source line, the cluster, the parameters, the commit — is a new evaluation.
 * Failures are never remembered.
 */
final class MemoizedEvaluator implements PolicyEvaluator {

  /**
   * Object slots per generation: room for a fleet of 250,000 objects across its clusters; a
   * generation of passing decisions takes about 30 MB.
   */
  static final int OBJECT_DECISIONS = 250_000;

  /** Change-set slots per generation: one per cluster. */
  static final int CHANGE_SET_DECISIONS = 10_000;

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
    // Written once: digested, and handed to the engine on a miss.
    String json = input.toJson();
    InputDigest digest = InputDigest.of(json);
    long slot =
        slot(
            input.cluster().qualifiedName(),
            input.object().bundle(),
            input.object().ref().toString());
    PolicyDecision known = objects.get(slot, digest);
    if (known != null) {
      HITS.increment();
      return known;
    }
    MISSES.increment();
    PolicyDecision decision = engine.evaluate(input, json);
    objects.put(slot, digest, decision);
    return decision;
  }

  @Override
  public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException {
    // The derived facts are left out of the digest: they follow from what is in it.
    InputDigest digest = InputDigest.of(input.given());
    long slot = slot(input.cluster().qualifiedName());
    ChangeSetDecision known = changeSets.get(slot, digest);
    if (known != null) {
      HITS.increment();
      return known;
    }
    MISSES.increment();
    ChangeSetDecision decision = engine.evaluateChangeSet(input);
    changeSets.put(slot, digest, decision);
    return decision;
  }

  /**
   * A 64-bit hash of the parts. Two slots that collide only overwrite each other's decision: a
   * decision is returned only for the digest of the very input it was made for.
   */
  static long slot(String... parts) {
    long hash = 0xcbf29ce484222325L;
    for (String part : parts) {
      for (int i = 0; i < part.length(); i++) {
        hash = (hash ^ part.charAt(i)) * 0x100000001b3L;
      }
      hash = (hash ^ 0xffff) * 0x100000001b3L;
    }
    return hash;
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
