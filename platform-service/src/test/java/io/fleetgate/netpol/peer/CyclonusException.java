package io.fleetgate.netpol.peer;

/** Cyclonus is missing, failed, timed out or printed something the parser does not know. */
final class CyclonusException extends RuntimeException {

  CyclonusException(String message) {
    super(message);
  }

  CyclonusException(String message, Throwable cause) {
    super(message, cause);
  }
}
