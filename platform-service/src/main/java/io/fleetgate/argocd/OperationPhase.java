package io.fleetgate.argocd;

/**
 * Where an application's latest operation (a sync) stands. {@link #NONE} when the application has
 * never run one; {@link #UNKNOWN} for a phase this version of Fleetgate does not know.
 */
public enum OperationPhase {
  NONE(""),
  RUNNING("Running"),
  TERMINATING("Terminating"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  ERROR("Error"),
  UNKNOWN("Unknown");

  private final String word;

  OperationPhase(String word) {
    this.word = word;
  }

  /** Whether the operation has ended, well or badly. */
  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == ERROR;
  }

  /** The phase Argo CD's word names: none when absent, unknown when not one of its phases. */
  public static OperationPhase of(String word) {
    if (word == null || word.isEmpty()) {
      return NONE;
    }
    for (OperationPhase phase : values()) {
      if (phase != NONE && phase.word.equals(word)) {
        return phase;
      }
    }
    return UNKNOWN;
  }
}
