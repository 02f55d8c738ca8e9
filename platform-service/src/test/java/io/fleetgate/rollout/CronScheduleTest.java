package io.fleetgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  @ParameterizedTest(name = "''{0}'' at {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 1 * * SAT      | 2026-12-05T01:00 | true",
        "0 1 * * SAT      | 2026-12-05T01:01 | false",
        "0 1 * * SAT      | 2026-12-06T01:00 | false",
        "0 1 * * 6        | 2026-12-05T01:00 | true",
        "0 0 * * 0        | 2026-12-06T00:00 | true",
        "0 0 * * 7        | 2026-12-06T00:00 | true",
        "*/15 * * * *     | 2026-12-01T10:45 | true",
        "*/15 * * * *     | 2026-12-01T10:46 | false",
        "5-10/5 * * * *   | 2026-12-01T10:10 | true",
        "5-10/5 * * * *   | 2026-12-01T10:15 | false",
        "0 22-23,0-2 * * * | 2026-12-01T23:00 | true",
        "0 22-23,0-2 * * * | 2026-12-01T03:00 | false",
        "0 9 1 * *        | 2026-12-01T09:00 | true",
        "0 9 1 JAN *      | 2026-12-01T09:00 | false",
        "0 9 1 jan *      | 2027-01-01T09:00 | true",
        // Both day fields restricted: either one matches, as cron has it.
        "0 9 15 * MON     | 2026-12-15T09:00 | true",
        "0 9 15 * MON     | 2026-12-07T09:00 | true",
        "0 9 15 * MON     | 2026-12-08T09:00 | false",
        // A day field that starts with '*' counts as unrestricted, as crontab(5) has it.
        "0 1 */2 * SAT    | 2026-12-01T01:00 | false",
        "0 1 */2 * SAT    | 2026-12-05T01:00 | true",
        "0 1 */2 * SAT    | 2026-12-12T01:00 | false",
        // One restricted: both must hold.
        "0 9 * * MON-FRI  | 2026-12-05T09:00 | false",
        "0 9 * * MON-FRI  | 2026-12-04T09:00 | true",
      })
  void firesWhereCronDoes(String expression, String local, boolean fires) {
    CronSchedule schedule = CronSchedule.parse(expression).schedule().orElseThrow();
    ZonedDateTime time = java.time.LocalDateTime.parse(local).atZone(ZoneOffset.UTC);

    assertThat(schedule.matches(time)).isEqualTo(fires);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 1 * *           | needs five fields",
        "0 1 * * SAT extra | needs five fields",
        "60 1 * * *        | minute field '60': 60 is outside 0–59",
        "0 24 * * *        | hour field '24': 24 is outside 0–23",
        "0 1 0 * *         | day of month field '0': 0 is outside 1–31",
        "0 1 * 13 *        | month field '13': 13 is outside 1–12",
        "0 1 * * FUNDAY    | day of week field 'FUNDAY': 'FUNDAY' is not a number or a name",
        "0 5-1 * * *       | the range 5-1 runs backwards",
        "0 1,,2 * * *      | an empty list item",
        "*/0 1 * * *       | 0 is outside 1–59",
        "0 1-2-3 * * *     | is not a range a-b",
      })
  void refusesWhatCronWouldNotRead(String expression, String message) {
    CronSchedule.Result result = CronSchedule.parse(expression);

    assertThat(result.schedule()).isEmpty();
    assertThat(result.problem()).contains(message);
  }
}
