package io.fleetgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceWindowTest {

  private static MaintenanceWindow window(String cron, Duration duration, String zone) {
    return new MaintenanceWindow(
        CronSchedule.parse(cron).schedule().orElseThrow(), duration, ZoneId.of(zone));
  }

  /** Saturday 01:00 – 05:00 in Shanghai is Friday 17:00 – 21:00 UTC. */
  private static final MaintenanceWindow SATURDAY_NIGHT =
      window("0 1 * * SAT", Duration.ofHours(4), "Asia/Shanghai");

  @ParameterizedTest(name = "{0}: open {1}")
  @CsvSource({
    "2026-12-04T16:59:59Z, false",
    "2026-12-04T17:00:00Z, true",
    "2026-12-04T19:30:00Z, true",
    "2026-12-04T20:59:59Z, true",
    "2026-12-04T21:00:00Z, false",
    "2026-12-05T17:00:00Z, false",
  })
  void isOpenInTheZonesLocalTime(String now, boolean open) {
    assertThat(SATURDAY_NIGHT.isOpen(Instant.parse(now))).isEqualTo(open);
  }

  @Test
  void saysWhenItOpened() {
    assertThat(SATURDAY_NIGHT.openSince(Instant.parse("2026-12-04T19:30:00Z")))
        .contains(Instant.parse("2026-12-04T17:00:00Z"));
  }

  @Test
  void saysWhenItNextOpens() {
    assertThat(SATURDAY_NIGHT.nextOpening(Instant.parse("2026-12-01T10:00:00Z")))
        .contains(Instant.parse("2026-12-04T17:00:00Z"));
    assertThat(SATURDAY_NIGHT.nextOpening(Instant.parse("2026-12-04T21:00:00Z")))
        .contains(Instant.parse("2026-12-11T17:00:00Z"));
    Instant inside = Instant.parse("2026-12-04T18:00:00Z");
    assertThat(SATURDAY_NIGHT.nextOpening(inside)).contains(inside);
  }

  @Test
  void aWindowThatSpansMidnightStaysOpenIntoTheNextDay() {
    MaintenanceWindow lateFriday = window("0 23 * * FRI", Duration.ofHours(3), "UTC");

    assertThat(lateFriday.isOpen(Instant.parse("2026-12-05T01:30:00Z"))).isTrue();
    assertThat(lateFriday.isOpen(Instant.parse("2026-12-05T02:00:00Z"))).isFalse();
  }

  @Test
  void aLocalTimeTheClockSkipsNeverOpens() {
    // Europe/Berlin skips 02:00 – 03:00 on 2027-03-28: the daily 02:30 window does not open that
    // day; the next is 02:30 summer time on the 29th.
    MaintenanceWindow daily = window("30 2 * * *", Duration.ofMinutes(30), "Europe/Berlin");

    assertThat(daily.nextOpening(Instant.parse("2027-03-27T23:00:00Z")))
        .contains(Instant.parse("2027-03-29T00:30:00Z"));
  }

  @Test
  void aScheduleThatNeverFiresNeverOpens() {
    MaintenanceWindow never = window("0 0 31 2 *", Duration.ofHours(1), "UTC");

    assertThat(never.nextOpening(Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
  }
}
