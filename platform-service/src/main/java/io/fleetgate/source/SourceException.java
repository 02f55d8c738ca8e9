package io.fleetgate.source;

/** The config repository cannot be fetched; the message names the remote and what to do. */
public class SourceException extends Exception {

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
