package io.fleetgate.rollout;

import java.util.Locale;
import java.util.Optional;

/** What a rollout does when a wave fails (a node never comes back, a gate says burning). */
public enum FailurePolicy {
  /** Stop where it is; the clusters reached keep the new version until someone acts. */
  HALT,
  /** Stop, and put every cluster the rollout reached back on the version it had before. */
  ROLLBACK;

  /** The word in a spec ({@code halt}, {@code rollback}). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<FailurePolicy> parse(String word) {
    for (FailurePolicy policy : values()) {
      if (policy.word().equals(word)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }
}
