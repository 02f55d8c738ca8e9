package io.fleetgate.console.slo;

import java.util.Locale;

/** How the SLO view writes its figures; an unknown figure reads "unknown", never 0. */
public final class SloFormat {

  private SloFormat() {}

  /** {@code 99.9 %}: a target. */
  public static String target(double target) {
    return trim(String.format(Locale.ROOT, "%.4f", target * 100)) + " %";
  }

  /** {@code 42.0 % left} or {@code 12.5 % overspent}; {@code unknown} for null. */
  public static String budget(Double remaining) {
    if (remaining == null) {
      return "unknown";
    }
    if (remaining < 0) {
      return String.format(Locale.ROOT, "%.1f %% overspent", -remaining * 100);
    }
    return String.format(Locale.ROOT, "%.1f %% left", remaining * 100);
  }

  /** {@code 42.0 %} or {@code −12.5 %}: the budget left, short, for a stale figure. */
  public static String percent(double remaining) {
    return String.format(Locale.ROOT, "%.1f %%", remaining * 100).replace('-', '−');
  }

  /** {@code 0.123 %}: an error ratio; {@code unknown} for null. */
  public static String ratio(Double ratio) {
    return ratio == null ? "unknown" : String.format(Locale.ROOT, "%.3f %%", ratio * 100);
  }

  /** {@code 14.4×}; {@code —} when the window was not recorded. */
  public static String burn(Double rate) {
    if (rate == null) {
      return "—";
    }
    return String.format(Locale.ROOT, rate >= 10 ? "%.1f×" : "%.2f×", rate);
  }

  /** {@code 3 d 4 h}, {@code 5 h 20 min}, {@code 12 min}; {@code —} when not burning. */
  public static String duration(Long seconds) {
    if (seconds == null) {
      return "—";
    }
    long minutes = Math.max(0, seconds) / 60;
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    if (hours > 0) {
      return hours + " h " + minutes % 60 + " min";
    }
    return minutes + " min";
  }

  /** {@code page 14.4× over 1h and 5m}. */
  public static String alert(SloSource.Alert alert) {
    return alert.severity()
        + " "
        + trim(String.format(Locale.ROOT, "%.2f", alert.factor()))
        + "× over "
        + alert.longWindow()
        + " and "
        + alert.shortWindow();
  }

  /** {@code 2026-12-01 17:05 UTC}: when figures were read. */
  public static String time(java.time.Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(at);
  }

  private static String trim(String number) {
    return number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
  }
}
