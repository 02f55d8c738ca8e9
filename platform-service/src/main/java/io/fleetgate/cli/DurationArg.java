package io.fleetgate.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses durations as people write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
final class DurationArg {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private DurationArg() {}

  static Duration parse(String text, String option, CommandLine.Model.CommandSpec spec) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " must look like 500ms, 30s, 2m or 1h, not '" + text + "'");
    }
    // Nine digits of hours are already 100,000 years: anything longer is a typo, not a duration.
    if (matcher.group(1).length() > 12) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " is far too long: '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    if (duration.isZero()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " must be more than zero");
    }
    return duration;
  }
}
