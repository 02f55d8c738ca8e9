package io.fleetgate.argocd.deploy;

/** An object that cannot be laid out in the rendered tree; the message says which and why. */
public final class RenderedTreeException extends RuntimeException {

  RenderedTreeException(String message) {
    super(message);
  }

  RenderedTreeException(String message, Throwable cause) {
    super(message, cause);
  }
}
