package io.fleetgate.policy;

/**
 * One rule's verdict on one object.
 *
 * @param policy the policy package that produced it, e.g. {@code privileged_containers}
 * @param message the rule's message
 */
public record Finding(String policy, String message) {

  /** The pseudo-policy under which engine failures are recorded (fail closed). */
  public static final String ENGINE = "fleetgate.engine";

  @Override
  public String toString() {
    return policy + ": " + message;
  }
}
