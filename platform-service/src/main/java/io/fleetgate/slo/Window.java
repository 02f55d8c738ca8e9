package io.fleetgate.slo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as Prometheus writes it ({@code 5m}, {@code 6h}, {@code 28d}): whole seconds,
 * shown in the largest unit that divides it.
 */
public record Window(long seconds) implements Comparable<Window> {

  private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,6})(s|m|h|d|w)");

  public Window {
    if (seconds <= 0) {
      throw new IllegalArgumentException("a window must be longer than zero");
    }
  }

  public static Window of(Duration duration) {
    return new Window(duration.toSeconds());
  }

  public static Window minutes(long n) {
    return new Window(n * 60);
  }

  public static Window hours(long n) {
    return new Window(n * 3600);
  }

  public static Window days(long n) {
    return new Window(n * 86400);
  }

  /**
   * Reads {@code 30s}, {@code 5m}, {@code 1h}, {@code 28d} or {@code 1w}.
   *
   * @throws IllegalArgumentException naming what is accepted
   */
  public static Window parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write a whole number and s, m, h, d or w, e.g. 5m");
    }
    long n = Long.parseLong(m.group(1));
    return new Window(
        switch (m.group(2)) {
          case "s" -> n;
          case "m" -> n * 60;
          case "h" -> n * 3600;
          case "d" -> n * 86400;
          default -> n * 7 * 86400;
        });
  }

  public Duration duration() {
    return Duration.ofSeconds(seconds);
  }

  /** This window divided by {@code n}, rounded down to whole seconds (at least one). */
  public Window dividedBy(long n) {
    return new Window(Math.max(1, seconds / n));
  }

  @Override
  public int compareTo(Window other) {
    return Long.compare(seconds, other.seconds);
  }

  /** {@code 5m}, {@code 1h}, {@code 28d}: the largest of d, h, m, s that divides it. */
  @Override
  public String toString() {
    if (seconds % 86400 == 0) {
      return seconds / 86400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
