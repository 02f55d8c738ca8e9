package io.fleetgate.policy;

/** The policy engine could not decide; the message says which engine and why. */
public class PolicyException extends Exception {

  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
