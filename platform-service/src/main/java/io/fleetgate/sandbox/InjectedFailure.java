package io.fleetgate.sandbox;

import java.util.Objects;

/** A failure {@link NodeSimulator#upgrade} plays on purpose, for tests and demos of halts. */
public sealed interface InjectedFailure {

  /** Every node comes back. */
  static InjectedFailure none() {
    return new None();
  }

  /** The named node gets its new versions but never reports Ready again. */
  static InjectedFailure neverReady(String node) {
    return new NeverReady(node);
  }

  record None() implements InjectedFailure {}

  record NeverReady(String node) implements InjectedFailure {
    public NeverReady {
      Objects.requireNonNull(node, "node");
    }
  }
}
