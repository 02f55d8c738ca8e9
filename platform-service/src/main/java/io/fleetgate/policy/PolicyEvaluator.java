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
   * As {@link #evaluate(PolicyInput)}, for a caller that has already written the input's JSON text
   * ({@link PolicyInput#toJson()}, exactly): an engine that reads the text takes this one instead
   * of writing it again.
   */
  default PolicyDecision evaluate(PolicyInput input, String json) throws PolicyException {
    return evaluate(input);
  }

  /**
   * @throws PolicyException as {@link #evaluate}; the caller must deny every object of the set
   */
  ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException;

  /** What the evaluator runs on, for records: e.g. {@code wasm} or {@code opa-server http://…}. */
  String engine();

  /**
   * Whether the same input always gets the same decision from this evaluator, as long as its
   * policies call no nondeterministic built-in: true for an engine whose policies and data are
   * fixed when it is built; false for one whose policies can change behind it (a server).
   */
  default boolean decidesFromInputAlone() {
    return false;
  }

  @Override
  default void close() {}
}
