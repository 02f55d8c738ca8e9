package io.fleetgate.rollout;

import java.time.Instant;
import java.util.Optional;

/** What a gate says about a wave now. */
public sealed interface GateAnswer {

  /** The gate lets the wave go on. */
  record Open() implements GateAnswer {}

  /**
   * The wave waits: before it starts, a closed gate keeps it waiting; it is not a failure.
   *
   * @param until when it opens by itself, when that is known (a maintenance window)
   */
  record Held(String reason, Optional<Instant> until) implements GateAnswer {}

  /** The wave fails: its failure policy applies. */
  record Failing(String reason) implements GateAnswer {}

  static GateAnswer open() {
    return new Open();
  }

  static GateAnswer held(String reason) {
    return new Held(reason, Optional.empty());
  }
}
