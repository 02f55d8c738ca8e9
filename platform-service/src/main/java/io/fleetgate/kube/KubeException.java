package io.fleetgate.kube;

/** A Kubernetes API call or kubeconfig failed; the message says which server and what to do. */
public class KubeException extends RuntimeException {

  private final int httpStatus;

  public KubeException(String message) {
    this(message, 0, null);
  }

  public KubeException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  public KubeException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the API server answered with, or 0 when it was not reached. */
  public int httpStatus() {
    return httpStatus;
  }
}
