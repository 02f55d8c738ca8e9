package io.fleetgate.rollout;

import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field cron expression — minute, hour, day of month, month, day of week — as crontab(5)
 * reads it: {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, lists,
 * month names {@code JAN}–{@code DEC} and day names {@code SUN}–{@code SAT} (0 and 7 are both
 * Sunday). When both the day of month and the day of week are restricted — neither field starts
 * with {@code *} — a time matches when either does, as crontab(5) has it; {@code * /2} in one of
 * them restricts the days it names but leaves the other field's days to be matched as well.
 */
public final class CronSchedule {

  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String text, BitSet[] fields, boolean anyDayOfMonth, boolean anyDayOfWeek) {
    this.text = text;
    this.minutes = fields[0];
    this.hours = fields[1];
    this.daysOfMonth = fields[2];
    this.months = fields[3];
    this.daysOfWeek = fields[4];
    this.anyDayOfMonth = anyDayOfMonth;
    this.anyDayOfWeek = anyDayOfWeek;
  }

  /**
   * @return the schedule, or a message saying which field is wrong and why
   */
  public static Result parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
    if (parts.length != 5) {
      return new Result(
          Optional.empty(),
          "needs five fields — minute hour day-of-month month day-of-week — such as '0 1 * * SAT'"
              + " (found "
              + parts.length
              + ")");
    }
    String[] names = {"minute", "hour", "day of month", "month", "day of week"};
    int[] low = {0, 0, 1, 1, 0};
    int[] high = {59, 23, 31, 12, 7};
    String[][] words = {null, null, null, MONTHS, DAYS};
    BitSet[] fields = new BitSet[5];
    for (int i = 0; i < 5; i++) {
      try {
        fields[i] = field(parts[i].toUpperCase(Locale.ROOT), low[i], high[i], words[i]);
      } catch (IllegalArgumentException e) {
        return new Result(
            Optional.empty(), names[i] + " field '" + parts[i] + "': " + e.getMessage());
      }
    }
    if (fields[4].get(7)) {
      fields[4].set(0);
    }
    return new Result(
        Optional.of(
            new CronSchedule(
                text.strip(), fields, parts[2].startsWith("*"), parts[4].startsWith("*"))),
        "");
  }

  /** A parsed schedule, or why the text is not one. */
  public record Result(Optional<CronSchedule> schedule, String problem) {}

  /** Whether the schedule fires in this minute (seconds are ignored). */
  public boolean matches(ZonedDateTime time) {
    if (!minutes.get(time.getMinute()) || !hours.get(time.getHour())) {
      return false;
    }
    return months.get(time.getMonthValue()) && dayMatches(time);
  }

  /** Whether the schedule fires at some minute of this day. */
  boolean anyMinuteOn(ZonedDateTime day) {
    return months.get(day.getMonthValue()) && dayMatches(day);
  }

  /** Whether some day of these years (inclusive) has a minute the schedule fires in. */
  boolean firesWithin(int fromYear, int toYear) {
    ZonedDateTime day =
        java.time.LocalDate.of(fromYear, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC);
    while (day.getYear() <= toYear) {
      if (anyMinuteOn(day)) {
        return true;
      }
      day = day.plusDays(1);
    }
    return false;
  }

  private boolean dayMatches(ZonedDateTime time) {
    boolean dom = daysOfMonth.get(time.getDayOfMonth());
    boolean dow = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  private static BitSet field(String text, int low, int high, String[] words) {
    BitSet set = new BitSet(high + 1);
    for (String item : text.split(",", -1)) {
      if (item.isEmpty()) {
        throw new IllegalArgumentException("an empty list item");
      }
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(item.substring(slash + 1), 1, high, null);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = low;
        to = words == DAYS ? 6 : high;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw new IllegalArgumentException("'" + range + "' is not a range a-b");
        }
        from = number(ends[0], low, high, words);
        to = number(ends[1], low, high, words);
        if (to < from) {
          throw new IllegalArgumentException("the range " + range + " runs backwards");
        }
      } else {
        from = number(range, low, high, words);
        to = slash >= 0 ? high : from;
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(String text, int low, int high, String[] words) {
    if (words != null) {
      for (int i = 0; i < words.length; i++) {
        if (words[i].equals(text)) {
          return words == MONTHS ? i + 1 : i;
        }
      }
    }
    if (!text.matches("\\d{1,2}")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a number" + (words == null ? "" : " or a name"));
    }
    int value = Integer.parseInt(text);
    if (value < low || value > high) {
      throw new IllegalArgumentException(value + " is outside " + low + "–" + high);
    }
    return value;
  }

  @Override
  public String toString() {
    return text;
  }
}
