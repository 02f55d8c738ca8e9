package io.fleetgate.apply;

/** A cluster's API server could not be reached, or its kubeconfig could not be used. */
public final class ClusterUnreachableException extends RuntimeException {

  public ClusterUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
