package io.fleetgate.rollout;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as specs write them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 7d}.
 */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(?:\\d+[dhms])+");
  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

  /** Longer than this is refused: a year of soak or window is a typo. */
  static final Duration LONGEST = Duration.ofDays(366);

  private Durations() {}

  /** Longer text is refused before any pattern reads it: no duration needs it. */
  static final int LONGEST_TEXT = 32;

  static Optional<Duration> parse(String text) {
    if (text == null || text.length() > LONGEST_TEXT || !WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long amount;
      try {
        amount = Long.parseLong(part.group(1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (amount > LONGEST.toSeconds()) {
        return Optional.empty();
      }
      total =
          total.plus(
              switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
              });
    }
    return total.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(total);
  }

  /** {@code 1h30m}, {@code 2d}, {@code 45s}; zero is {@code 0s}. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long days = duration.toDays();
    if (days > 0) {
      text.append(days).append('d');
    }
    if (duration.toHoursPart() > 0) {
      text.append(duration.toHoursPart()).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append('m');
    }
    if (duration.toSecondsPart() > 0) {
      text.append(duration.toSecondsPart()).append('s');
    }
    return text.toString();
  }
}
