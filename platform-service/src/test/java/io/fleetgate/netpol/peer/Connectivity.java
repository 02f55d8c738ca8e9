package io.fleetgate.netpol.peer;

import java.util.Arrays;

/**
 * What Cyclonus' probe decides for one cell, by the symbol its truth table prints. Only {@link
 * #ALLOWED} and {@link #BLOCKED} are verdicts about policies; the others say the probe could not be
 * formed (the destination serves no such port) or was not evaluated.
 */
enum Connectivity {
  ALLOWED("."),
  BLOCKED("X"),
  INVALID_PORT_PROTOCOL("N"),
  INVALID_NAMED_PORT("P"),
  UNKNOWN("?"),
  CHECK_FAILED("!");

  private final String symbol;

  Connectivity(String symbol) {
    this.symbol = symbol;
  }

  String symbol() {
    return symbol;
  }

  boolean isVerdict() {
    return this == ALLOWED || this == BLOCKED;
  }

  static Connectivity of(boolean allowed) {
    return allowed ? ALLOWED : BLOCKED;
  }

  /** The value a truth-table cell prints, or empty when the symbol is unknown. */
  static java.util.Optional<Connectivity> bySymbol(String symbol) {
    return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
  }
}
