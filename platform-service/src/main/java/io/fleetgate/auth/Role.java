package io.fleetgate.auth;

import java.util.Locale;

/** What a token may do; each role includes the ones before it. */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "role must be viewer, operator or admin, not '" + text + "'");
    }
  }
}
