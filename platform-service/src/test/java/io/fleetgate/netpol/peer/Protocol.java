package io.fleetgate.netpol.peer;

import java.util.Locale;

/** The transport protocols a NetworkPolicy port names. */
enum Protocol {
  TCP,
  UDP,
  SCTP;

  static Protocol parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown protocol '" + text + "'; use TCP, UDP or SCTP", e);
    }
  }
}
