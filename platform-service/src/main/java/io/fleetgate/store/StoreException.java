package io.fleetgate.store;

/** The record store failed; the message names the database and the operation. */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
