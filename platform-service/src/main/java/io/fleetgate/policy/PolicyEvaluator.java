package io.fleetgate.policy;

/**
 * Evaluates the policy bundle's two entrypoints: {@code fleetgate.main.decision} for one object and
 * {@code fleetgate.main.changeset} for all objects of one cluster taken together. Implementations
 * must give identical decisions for identical input; they are safe to call from many threads.
 */
public interface PolicyEvaluator extends AutoCloseable {

  /**
   * @throws PolicyException when the engine fails, times out or answers something unreadable; the
   *     caller must treat that as a denial
   */
  PolicyDecision evaluate(PolicyInput input) throws PolicyException;

  /**
   * @throws PolicyException as {@link #evaluate}; the caller must deny every object of the set
   */
  ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException;

  /** What the evaluator runs on, for records: e.g. {@code wasm} or {@code opa-server http://…}. */
  String engine();

  @Override
  default void close() {}
}
