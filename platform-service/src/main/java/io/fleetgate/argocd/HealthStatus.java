package io.fleetgate.argocd;

/** The health Argo CD assesses for an application or one of its resources. */
public enum HealthStatus {
  HEALTHY("Healthy"),
  PROGRESSING("Progressing"),
  DEGRADED("Degraded"),
  SUSPENDED("Suspended"),
  MISSING("Missing"),
  UNKNOWN("Unknown");

  private final String word;

  HealthStatus(String word) {
    this.word = word;
  }

  /** Argo CD's word for this health. */
  public String word() {
    return word;
  }

  /** The health Argo CD's word names; a missing or unknown word is {@link #UNKNOWN}. */
  public static HealthStatus of(String word) {
    for (HealthStatus health : values()) {
      if (health.word.equals(word)) {
        return health;
      }
    }
    return UNKNOWN;
  }
}
