package io.fleetgate.rollout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Windows that open when the schedule fires, in the zone's local time, and stay open for the
 * duration. A local time that a daylight-saving change skips never opens a window; one it repeats
 * opens it at its first occurrence and again at its second.
 */
public record MaintenanceWindow(CronSchedule schedule, Duration duration, ZoneId zone) {

  /** How far ahead {@link #nextOpening} looks. */
  static final Duration HORIZON = Duration.ofDays(366);

  /** The opening of the window open at this instant, if one is. */
  public Optional<Instant> openSince(Instant now) {
    Instant earliest = now.minus(duration);
    for (Instant start = now.truncatedTo(ChronoUnit.MINUTES);
        start.isAfter(earliest);
        start = start.minus(1, ChronoUnit.MINUTES)) {
      if (schedule.matches(start.atZone(zone))) {
        return Optional.of(start);
      }
    }
    return Optional.empty();
  }

  public boolean isOpen(Instant now) {
    return openSince(now).isPresent();
  }

  /** When the next window opens: now when one is open, else the next firing within a year. */
  public Optional<Instant> nextOpening(Instant now) {
    if (isOpen(now)) {
      return Optional.of(now);
    }
    Instant end = now.plus(HORIZON);
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    while (minute.isBefore(end)) {
      ZonedDateTime local = minute.atZone(zone);
      if (!schedule.anyMinuteOn(local)) {
        minute = local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        continue;
      }
      if (schedule.matches(local)) {
        return Optional.of(minute);
      }
      minute = minute.plus(1, ChronoUnit.MINUTES);
    }
    return Optional.empty();
  }

  /** {@code 0 1 * * SAT for 4h (Asia/Shanghai)}. */
  public String describe() {
    return schedule + " for " + Durations.format(duration) + " (" + zone.getId() + ")";
  }
}
