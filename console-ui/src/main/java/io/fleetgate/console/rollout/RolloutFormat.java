package io.fleetgate.console.rollout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the Rollouts tab writes its figures; a figure that is not known reads so, never 0. */
public final class RolloutFormat {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private RolloutFormat() {}

  /** {@code rolling back}: an enum constant as words. */
  public static String phase(Enum<?> phase) {
    return phase.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * {@code 2 h 14 min}, {@code 3 min 20 s}, {@code 33 min}, {@code 45 s}; {@code —} when not known.
   */
  public static String duration(Number seconds) {
    if (seconds == null) {
      return "—";
    }
    long s = Math.max(0, Math.round(seconds.doubleValue()));
    long days = s / 86_400;
    long hours = s / 3600 % 24;
    long minutes = s / 60 % 60;
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    if (hours > 0) {
      return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
    }
    if (minutes > 0) {
      return s % 60 == 0 ? minutes + " min" : minutes + " min " + s % 60 + " s";
    }
    return s + " s";
  }

  /** {@code 9.30×} or {@code 14.4×}; {@code unknown} when not known. */
  public static String burn(Double rate) {
    if (rate == null) {
      return "unknown";
    }
    return String.format(Locale.ROOT, rate >= 10 ? "%.1f×" : "%.2f×", rate);
  }

  /** {@code 6×}, {@code 14.4×}: a gate's threshold, as short as it reads. */
  public static String threshold(double rate) {
    String text = String.format(Locale.ROOT, "%.2f", rate);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "") + "×";
  }

  /** {@code 01:59:03}: a step's time of day (UTC). */
  public static String clock(Instant at) {
    return at == null ? "—" : CLOCK.format(at);
  }

  /** {@code 2026-12-02 01:59:03 UTC}. */
  public static String stamp(Instant at) {
    return at == null ? "—" : STAMP.format(at);
  }

  /** {@code 2 × v1.34.4 · 6.8.0-88-generic · Ubuntu 24.04.1 LTS, 1 × …}, most nodes first. */
  public static String levels(Map<String, Integer> byLevel) {
    if (byLevel == null || byLevel.isEmpty()) {
      return "";
    }
    return byLevel.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> e.getValue() + " × " + e.getKey())
        .collect(Collectors.joining("\n"));
  }

  /** {@code 1 node} or {@code 3 nodes}. */
  public static String nodes(int n) {
    return n + (n == 1 ? " node" : " nodes");
  }

  /** A revision as people read it: its first 7 characters; {@code not synced yet} when blank. */
  public static String revision(String revision) {
    if (revision == null || revision.isBlank()) {
      return "not synced yet";
    }
    return revision.length() > 7 ? revision.substring(0, 7) : revision;
  }
}
