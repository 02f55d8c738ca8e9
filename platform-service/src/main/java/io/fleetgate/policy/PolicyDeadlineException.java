package io.fleetgate.policy;

/**
 * The engine did not decide within the evaluation deadline and was stopped. The gate denies, and
 * evaluates no further object of the same check: a policy that overran once would most likely
 * overrun on the next object too, a deadline each.
 */
public final class PolicyDeadlineException extends PolicyException {

  public PolicyDeadlineException(String message, Throwable cause) {
    super(message, cause);
  }
}
