package io.fleetgate.netpol;

import java.util.Locale;

/**
 * The transport protocols a NetworkPolicy port names, in the alphabetical order connection sets are
 * written in.
 */
public enum Protocol {
  SCTP,
  TCP,
  UDP;

  /**
   * The protocol a manifest names; {@code null} means TCP, the Kubernetes default.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Protocol parse(Object value) {
    if (value == null) {
      return TCP;
    }
    try {
      return valueOf(String.valueOf(value).toUpperCase(Locale.ROOT).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("protocol '" + value + "' is not TCP, UDP or SCTP", e);
    }
  }
}
