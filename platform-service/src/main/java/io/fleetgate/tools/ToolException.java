package io.fleetgate.tools;

/** A pinned tool is missing; the message says to run {@code bin/setup}. */
public class ToolException extends RuntimeException {

  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
