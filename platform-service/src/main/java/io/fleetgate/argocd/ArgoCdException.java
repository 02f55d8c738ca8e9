package io.fleetgate.argocd;

/**
 * A call to Argo CD that did not do what was asked. The message names the server, the operation and
 * what Argo CD said (printable, bounded); it never holds a credential.
 */
public final class ArgoCdException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ArgoCdFailure failure;
  private final String operation;

  public ArgoCdException(ArgoCdFailure failure, String operation, String message) {
    super(message);
    this.failure = failure;
    this.operation = operation;
  }

  /** Why it failed. */
  public ArgoCdFailure failure() {
    return failure;
  }

  /** What Fleetgate was doing, such as {@code get application payments-beijing-prod}. */
  public String operation() {
    return operation;
  }
}
