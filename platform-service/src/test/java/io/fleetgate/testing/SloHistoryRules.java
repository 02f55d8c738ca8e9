package io.fleetgate.testing;

import io.fleetgate.slo.Rule;
import io.fleetgate.slo.RuleFile;
import io.fleetgate.slo.RuleGenerator;
import io.fleetgate.slo.RuleGroup;
import io.fleetgate.slo.Series;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The SLOs' own recording rules evaluated over a Prometheus's backfilled history, as its rules
 * would have recorded them had they run then: the event rates every 5 minutes over the whole span
 * (the budget reads their average), the error ratios of the alert windows only near its end, where
 * they are read.
 */
public final class SloHistoryRules {

  private SloHistoryRules() {}

  /**
   * @param ratiosEvery how often the error ratios are evaluated over the last 5 minutes before
   *     {@code end}
   */
  public static void backfill(
      PrometheusServer prometheus,
      List<Slo> slos,
      Path dir,
      Instant from,
      Instant end,
      Duration ratiosEvery)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path rates = dir.resolve("event-rates.yaml");
    Path ratios = dir.resolve("window-ratios.yaml");
    Path periods = dir.resolve("period-figures.yaml");
    String fiveMinutes = Series.errorRatio(Window.minutes(5));
    Files.writeString(
        rates,
        rules(
            slos,
            r -> r.record().endsWith("events:rate5m") || r.record().equals(fiveMinutes),
            false));
    Files.writeString(
        ratios,
        rules(
            slos,
            r -> r.record().startsWith(Series.ERROR_RATIO) && !r.record().equals(fiveMinutes),
            false));
    Files.writeString(periods, rules(slos, r -> true, true));
    prometheus.backfillRules(
        List.of(
            new PrometheusServer.RuleBackfill(rates, from, end, Duration.ofMinutes(5)),
            new PrometheusServer.RuleBackfill(ratios, end.minusSeconds(300), end, ratiosEvery)));
    // What the rules record from recorded series (the rolling window's figures) is evaluated
    // once those exist.
    prometheus.backfillRules(
        List.of(
            new PrometheusServer.RuleBackfill(periods, end.minusSeconds(300), end, ratiosEvery)));
  }

  /**
   * The SLOs' recording rules that match and read either the raw series only ({@code ofRecorded}
   * false: promtool evaluates each rule against the history alone, where no recorded series exist
   * yet) or recorded series ({@code ofRecorded} true).
   */
  static String rules(List<Slo> slos, Predicate<Rule.Recording> which, boolean ofRecorded) {
    List<RuleGroup> groups = new ArrayList<>();
    for (Slo slo : slos) {
      List<Rule> rules =
          RuleGenerator.rules(slo).stream()
              .flatMap(g -> g.rules().stream())
              .filter(
                  r ->
                      r instanceof Rule.Recording rec
                          && which.test(rec)
                          && rec.expr().contains("fleetgate_slo:") == ofRecorded)
              .toList();
      if (!rules.isEmpty()) {
        groups.add(new RuleGroup(slo.service() + "-" + slo.name(), rules));
      }
    }
    return RuleFile.rules(groups, List.of("test"));
  }
}
