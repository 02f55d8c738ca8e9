package io.fleetgate.domain;

import java.util.Locale;

/** The provisioning phase of a Cluster API cluster ({@code status.phase}). */
public enum ClusterPhase {
  PENDING,
  PROVISIONING,
  PROVISIONED,
  DELETING,
  FAILED,
  UNKNOWN;

  /** Parses Cluster API's spelling ({@code "Provisioned"}); anything unexpected is UNKNOWN. */
  public static ClusterPhase parse(String phase) {
    if (phase == null || phase.isBlank()) {
      return UNKNOWN;
    }
    try {
      return valueOf(phase.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** Cluster API's spelling: {@code Provisioned}. */
  public String display() {
    String lower = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
