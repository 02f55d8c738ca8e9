package io.fleetgate.sandbox;

/** The sandbox fleet could not be started, inspected or stopped; the message says what to do. */
public class SandboxException extends RuntimeException {

  public SandboxException(String message) {
    super(message);
  }

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
