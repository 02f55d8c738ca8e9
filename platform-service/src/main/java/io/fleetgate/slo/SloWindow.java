package io.fleetgate.slo;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The time an SLO is judged over (OpenSLO {@code timeWindow}).
 *
 * @param length a rolling window's length ({@code 28d}), or a calendar window's nominal length (a
 *     month is 30 days) for burn rates
 * @param calendar for a calendar window, its unit and where its first period starts; null when
 *     rolling
 */
public record SloWindow(Window length, Calendar calendar) {

  /** A calendar window: periods of {@code amount} {@code unit}s from {@code start}. */
  public record Calendar(int amount, Unit unit, ZonedDateTime start) {}

  /** The units a calendar window counts in. */
  public enum Unit {
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR
  }

  public static SloWindow rolling(Window length) {
    return new SloWindow(length, null);
  }

  public boolean rolling() {
    return calendar == null;
  }

  /** {@code 28d rolling} or {@code 1 MONTH calendar from 2026-01-01T00:00 (Europe/Berlin)}. */
  public String describe() {
    if (rolling()) {
      return length + " rolling";
    }
    ZoneId zone = calendar.start().getZone();
    return calendar.amount()
        + " "
        + calendar.unit().name().toLowerCase(java.util.Locale.ROOT)
        + " calendar from "
        + calendar.start().toLocalDateTime()
        + " ("
        + zone
        + ")";
  }
}
