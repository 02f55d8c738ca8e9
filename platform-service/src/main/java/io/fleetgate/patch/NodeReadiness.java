package io.fleetgate.patch;

/** What a node's {@code Ready} condition says: true, false, or unknown (absent or any other). */
public enum NodeReadiness {
  READY,
  NOT_READY,
  UNKNOWN;

  /**
   * Reads the {@code status} of a {@code Ready} condition; a missing condition ({@code null}) or
   * any value but {@code True} and {@code False} is {@link #UNKNOWN}.
   */
  public static NodeReadiness ofCondition(String status) {
    if ("True".equals(status)) {
      return READY;
    }
    return "False".equals(status) ? NOT_READY : UNKNOWN;
  }

  /** How the matrix shows it. */
  public String shown() {
    return switch (this) {
      case READY -> "Ready";
      case NOT_READY -> "NotReady";
      case UNKNOWN -> "Unknown";
    };
  }
}
