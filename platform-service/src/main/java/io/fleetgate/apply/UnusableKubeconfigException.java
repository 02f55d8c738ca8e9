package io.fleetgate.apply;

/**
 * A cluster's kubeconfig cannot be used: malformed, or asking for something Fleetgate refuses (a
 * credential plugin, a file on the platform's host, plain HTTP). Trying again will not help; the
 * message names the kubeconfig's source and the field, never its values.
 */
public final class UnusableKubeconfigException extends RuntimeException {

  public UnusableKubeconfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
