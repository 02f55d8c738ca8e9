package io.fleetgate.health;

/**
 * The health of one live object.
 *
 * @param message what an operator should know, e.g. "1 of 3 replicas available"
 */
public record Health(Status status, String message) {

  /** The closed set of health states, worst last. */
  public enum Status {
    HEALTHY,
    PROGRESSING,
    DEGRADED,
    UNKNOWN;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static Health healthy() {
    return new Health(Status.HEALTHY, "");
  }

  static Health healthy(String message) {
    return new Health(Status.HEALTHY, message);
  }

  static Health progressing(String message) {
    return new Health(Status.PROGRESSING, message);
  }

  static Health degraded(String message) {
    return new Health(Status.DEGRADED, message);
  }
}
