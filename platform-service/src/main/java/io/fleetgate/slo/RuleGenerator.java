package io.fleetgate.slo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Prometheus rules of one SLO, in three groups: the error ratio over every window the alerts
 * use (and 5 minutes), the SLO's meta series (objective, budget, burn rates, budget remaining over
 * a rolling window), and one burn-rate alert per severity.
 *
 * <p>Judged by occurrences, an event indicator's error ratio over a window is bad over total events
 * in that window, and over the SLO's rolling window it is the sum of the 5-minute bad rates over
 * the sum of the 5-minute total rates, so that busy hours weigh more than quiet ones; the window's
 * average traffic is recorded beside it, to weigh each cluster when SLOs are rolled up. Judged by
 * time slices, it is the share of bad slices ({@code Timeslices}) or one minus the average slice
 * ratio ({@code RatioTimeslices}), from a subquery at the slice's resolution; a slice without data
 * is not counted.
 */
public final class RuleGenerator {

  private static final Window FIVE_MINUTES = Window.minutes(5);

  private RuleGenerator() {}

  public static List<RuleGroup> rules(Slo slo) {
    return new Generation(slo).groups();
  }

  /** One SLO's rules while they are written. */
  private static final class Generation {
    private final Slo slo;
    private final String selector;
    private final BigDecimal budget;
    private final boolean periodRecorded;
    private final boolean weighted;

    Generation(Slo slo) {
      this.slo = slo;
      this.selector =
          "{%s=\"%s\", %s=\"%s\"}"
              .formatted(Labels.SLO, quote(slo.name()), Labels.SERVICE, quote(slo.service()));
      this.budget = BigDecimal.ONE.subtract(new BigDecimal(Double.toString(slo.target())));
      this.periodRecorded = slo.window().rolling();
      this.weighted =
          slo.budgeting().method() == Budgeting.Method.OCCURRENCES
              && slo.indicator() instanceof Indicator.EventRatio;
    }

    List<RuleGroup> groups() {
      List<RuleGroup> groups = new ArrayList<>();
      String base = "fleetgate-slo-" + slo.service() + "-" + slo.name();
      groups.add(new RuleGroup(base + "-sli", sli()));
      groups.add(new RuleGroup(base + "-meta", meta()));
      List<Rule> alerts = alerts();
      if (!alerts.isEmpty()) {
        groups.add(new RuleGroup(base + "-alerts", alerts));
      }
      return groups;
    }

    private List<Rule> sli() {
      TreeSet<Window> windows = new TreeSet<>();
      windows.add(FIVE_MINUTES);
      for (BurnRateAlert alert : slo.alerting().conditions()) {
        windows.add(alert.longWindow());
        windows.add(alert.shortWindow());
      }
      if (periodRecorded) {
        windows.remove(slo.window().length());
      }
      List<Rule> rules = new ArrayList<>();
      if (weighted) {
        Indicator.EventRatio events = (Indicator.EventRatio) slo.indicator();
        String total = events.total().over(FIVE_MINUTES);
        String bad =
            events.bad() != null
                ? orZero(events.bad().over(FIVE_MINUTES))
                : "(" + total + ") - (" + orZero(events.good().over(FIVE_MINUTES)) + ")";
        rules.add(new Rule.Recording(Series.BAD_EVENTS, bad, labels(FIVE_MINUTES)));
        rules.add(new Rule.Recording(Series.TOTAL_EVENTS, total, labels(FIVE_MINUTES)));
      }
      for (Window window : windows) {
        String expr =
            weighted && window.equals(FIVE_MINUTES)
                ? Series.BAD_EVENTS + selector + " / " + Series.TOTAL_EVENTS + selector
                : errorRatio(window);
        rules.add(new Rule.Recording(Series.errorRatio(window), expr, labels(window)));
      }
      if (periodRecorded) {
        // One series per SLO over its window, whatever series its indicator's queries give (a
        // query left unaggregated yields one per pod): all events together, as the budget counts
        // them, never the worst series alone.
        Window period = slo.window().length();
        String expr =
            weighted
                ? "sum(sum_over_time(%s%s[%s])) / sum(sum_over_time(%s%s[%s]))"
                    .formatted(
                        Series.BAD_EVENTS, selector, period, Series.TOTAL_EVENTS, selector, period)
                : "avg(avg_over_time(%s%s[%s]))"
                    .formatted(Series.errorRatio(FIVE_MINUTES), selector, period);
        rules.add(new Rule.Recording(Series.errorRatio(period), expr, labels(period)));
        if (weighted) {
          rules.add(
              new Rule.Recording(
                  Series.totalEvents(period),
                  "sum(avg_over_time(%s%s[%s]))".formatted(Series.TOTAL_EVENTS, selector, period),
                  labels(period)));
        }
      }
      return rules;
    }

    /** The error ratio over one window, straight from the indicator's queries. */
    private String errorRatio(Window window) {
      boolean slices = slo.budgeting().bySlices();
      return switch (slo.indicator()) {
        case Indicator.ErrorRatio raw ->
            slices
                ? slices(window, new Query("1 - (" + raw.errorRatio().template() + ")"))
                : "(" + raw.errorRatio().over(window) + ")";
        case Indicator.EventRatio events ->
            slices ? slices(window, goodRatio(events)) : events(events, window);
        case Indicator.Threshold threshold -> slices(window, threshold.value());
      };
    }

    private static String events(Indicator.EventRatio events, Window window) {
      String total = events.total().over(window);
      return events.bad() != null
          ? "(%s) / (%s)".formatted(orZero(events.bad().over(window)), total)
          : "1 - ((%s) / (%s))".formatted(orZero(events.good().over(window)), total);
    }

    /**
     * A query of counted events that answers 0 instead of nothing when none happened: a selector of
     * 5xx responses matches no series until the first one, and a total outage leaves the good
     * events' selector empty, which would otherwise silence the very alert that should page.
     */
    private static String orZero(String query) {
      return "(" + query + ") or on() vector(0)";
    }

    /** The share of good events over one slice, with the slice's window in the queries. */
    private Query goodRatio(Indicator.EventRatio events) {
      String total = events.total().template();
      return new Query(
          events.good() != null
              ? "(" + orZero(events.good().template()) + ") / (" + total + ")"
              : "1 - ((" + orZero(events.bad().template()) + ") / (" + total + "))");
    }

    /** One minus the average over the window of each slice's goodness (1 good, 0 bad). */
    private String slices(Window window, Query perSlice) {
      Window slice = slo.budgeting().slice();
      String value = "(" + perSlice.over(slice) + ")";
      String good =
          switch (slo.indicator()) {
            case Indicator.Threshold t ->
                value + " " + t.op().promql() + " bool " + number(t.bound());
            default ->
                slo.budgeting().method() == Budgeting.Method.TIMESLICES
                    ? value + " >= bool " + number(slo.budgeting().sliceTarget())
                    : value;
          };
      // "and v == v" drops slices whose value is NaN (no events): they are neither good nor bad.
      return "1 - avg_over_time(((%s) and (%s == %s))[%s:%s])"
          .formatted(good, value, value, window, slice);
    }

    private List<Rule> meta() {
      Map<String, String> labels = labels(null);
      List<Rule> rules = new ArrayList<>();
      rules.add(
          new Rule.Recording(Series.OBJECTIVE, "vector(" + number(slo.target()) + ")", labels));
      rules.add(
          new Rule.Recording(
              Series.ERROR_BUDGET, "vector(" + budget.toPlainString() + ")", labels));
      rules.add(
          new Rule.Recording(
              Series.CURRENT_BURN_RATE,
              "max without (%s) (%s%s) / %s"
                  .formatted(
                      Labels.WINDOW,
                      Series.errorRatio(FIVE_MINUTES),
                      selector,
                      budget.toPlainString()),
              labels));
      if (periodRecorded) {
        String period = Series.errorRatio(slo.window().length()) + selector;
        rules.add(
            new Rule.Recording(
                Series.PERIOD_BURN_RATE,
                "max without (%s) (%s) / %s"
                    .formatted(Labels.WINDOW, period, budget.toPlainString()),
                labels));
        rules.add(
            new Rule.Recording(
                Series.BUDGET_REMAINING,
                "1 - max without (%s) (%s) / %s"
                    .formatted(Labels.WINDOW, period, budget.toPlainString()),
                labels));
      }
      return rules;
    }

    private List<Rule> alerts() {
      Map<String, List<BurnRateAlert>> bySeverity = new LinkedHashMap<>();
      for (BurnRateAlert alert : slo.alerting().conditions()) {
        String key =
            alert.severity()
                + "|"
                + alert.after()
                + "|"
                + alert.labels()
                + "|"
                + alert.annotations();
        bySeverity.computeIfAbsent(key, k -> new ArrayList<>()).add(alert);
      }
      List<Rule> rules = new ArrayList<>();
      for (List<BurnRateAlert> same : bySeverity.values()) {
        BurnRateAlert first = same.getFirst();
        List<String> conditions = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (BurnRateAlert alert : same) {
          String threshold =
              BigDecimal.valueOf(alert.factor())
                  .multiply(budget)
                  .stripTrailingZeros()
                  .toPlainString();
          conditions.add(
              "(%s and %s)"
                  .formatted(
                      above(alert.longWindow(), threshold), above(alert.shortWindow(), threshold)));
          said.add(
              "%s× the budget over %s and %s"
                  .formatted(number(alert.factor()), alert.longWindow(), alert.shortWindow()));
        }
        Map<String, String> labels = new LinkedHashMap<>(slo.alerting().labels());
        labels.putAll(first.labels());
        labels.put(Labels.SEVERITY, first.severity());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(
            "summary", "%s/%s is burning its error budget".formatted(slo.service(), slo.name()));
        annotations.put(
            "description",
            "The error ratio of %s/%s is above %s (error budget %s %% over %s)."
                .formatted(
                    slo.service(),
                    slo.name(),
                    String.join(", or ", said),
                    budget.movePointRight(2).stripTrailingZeros().toPlainString(),
                    slo.window().describe()));
        annotations.putAll(slo.alerting().annotations());
        annotations.putAll(first.annotations());
        rules.add(
            new Rule.Alert(
                slo.alerting().name(),
                String.join(" or ", conditions),
                first.after(),
                labels,
                annotations));
      }
      return rules;
    }

    private String above(Window window, String threshold) {
      return "max without (%s) (%s%s > %s)"
          .formatted(Labels.WINDOW, Series.errorRatio(window), selector, threshold);
    }

    private Map<String, String> labels(Window window) {
      Map<String, String> labels = new LinkedHashMap<>(slo.labels());
      labels.put(Labels.SLO, slo.name());
      labels.put(Labels.SERVICE, slo.service());
      if (window != null) {
        labels.put(Labels.WINDOW, window.toString());
      }
      return labels;
    }
  }

  /** A label value inside double quotes in PromQL. */
  static String quote(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A number as PromQL reads it, without a trailing {@code .0} or binary noise. */
  static String number(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
