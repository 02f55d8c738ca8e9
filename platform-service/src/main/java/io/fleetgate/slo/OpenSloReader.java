package io.fleetgate.slo;

import io.fleetgate.domain.SpecDocument;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenSLO v1 documents: SLOs with their SLIs (inline or by {@code indicatorRef}), alert
 * policies and conditions (inline or by reference), data sources and services.
 */
final class OpenSloReader {

  static final String API_VERSION = "openslo/v1";

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern CALENDAR = Pattern.compile("([1-9][0-9]{0,3})(d|w|M|Q|Y)");
  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final List<SloProblem> problems;
  private final Map<String, Map<String, SpecDocument>> byKind = new HashMap<>();
  private final List<SpecDocument> slos = new ArrayList<>();

  OpenSloReader(List<SpecDocument> documents, List<SloProblem> problems) {
    this.problems = problems;
    for (SpecDocument document : documents) {
      Fields f = new Fields(document, problems);
      String kind = f.string("kind", true);
      String name = f.string("metadata.name", true);
      if (kind == null || name == null) {
        continue;
      }
      if (!NAME.matcher(name).matches()) {
        f.problem("metadata.name", "'" + name + "' must be a lowercase DNS label (a-z, 0-9, -)");
        continue;
      }
      switch (kind) {
        case "SLO" -> slos.add(document);
        case "SLI",
            "AlertPolicy",
            "AlertCondition",
            "DataSource",
            "Service",
            "AlertNotificationTarget" -> {
          if (byKind.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(name, document)
              != null) {
            f.problem("metadata.name", "another " + kind + " is named '" + name + "'");
          }
        }
        default ->
            f.problem(
                "kind",
                "'"
                    + kind
                    + "' is not an OpenSLO v1 kind Fleetgate reads (SLO, SLI, AlertPolicy,"
                    + " AlertCondition, DataSource, Service)");
      }
    }
  }

  List<Slo> slos() {
    List<Slo> out = new ArrayList<>();
    for (SpecDocument document : slos) {
      Slo slo = slo(new Fields(document, problems));
      if (slo != null) {
        out.add(slo);
      }
    }
    return out;
  }

  private Slo slo(Fields f) {
    String name = f.string("metadata.name", true);
    String service = f.string("spec.service", true);
    if (service != null && !Labels.SERVICE_NAME.matcher(service).matches()) {
      f.problem(
          "spec.service", "'" + service + "' may hold letters, digits, '.', '_' and '-' only");
    }
    String description = f.string("spec.description", false);
    if (description == null) {
      description = f.string("metadata.displayName", false);
    }
    SloWindow window = window(f);
    Budgeting budgeting = budgeting(f);
    Indicator indicator = indicator(f, name);
    double target = target(f);
    Alerting alerting = alerting(f);
    Map<String, String> labels = labels(f, "metadata.labels");
    if (f.failed()) {
      return null;
    }
    if (indicator instanceof Indicator.Threshold
        && budgeting.method() != Budgeting.Method.TIMESLICES) {
      f.problem(
          "spec.budgetingMethod",
          "a thresholdMetric indicator needs Timeslices (each slice is good when the value holds"
              + " its bound); to count events, write a ratioMetric instead, e.g. good ="
              + " rate(latency_bucket{le=\"0.3\"}[{{.window}}]), total ="
              + " rate(latency_count[{{.window}}])");
      return null;
    }
    if (budgeting.method() == Budgeting.Method.TIMESLICES
        && !(indicator instanceof Indicator.Threshold)
        && Double.isNaN(budgeting.sliceTarget())) {
      f.problem(
          "spec.objectives[0].timeSliceTarget",
          "is required with Timeslices and a ratioMetric: the share of good events that makes a"
              + " slice good, e.g. 0.95");
      return null;
    }
    return new Slo(
        name,
        service,
        description == null ? "" : description,
        target,
        window,
        budgeting,
        indicator,
        alerting,
        labels,
        f.document().location());
  }

  private static Map<String, String> labels(Fields f, String field) {
    Map<String, String> labels = new LinkedHashMap<>(f.strings(field));
    for (String reserved : Labels.RESERVED) {
      if (labels.remove(reserved) != null) {
        f.problem(field + "." + reserved, "is set by Fleetgate; remove it");
      }
    }
    return labels;
  }

  private static SloWindow window(Fields f) {
    List<?> windows = f.list("spec.timeWindow", true);
    if (windows.size() != 1) {
      if (!windows.isEmpty()) {
        f.problem("spec.timeWindow", "must hold exactly one window");
      }
      return null;
    }
    String at = "spec.timeWindow[0]";
    boolean rolling = f.bool(at + ".isRolling", !f.has(at + ".calendar"));
    String duration = f.string(at + ".duration", true);
    if (duration == null) {
      return null;
    }
    if (rolling) {
      if (f.has(at + ".calendar")) {
        f.problem(at + ".calendar", "is only for windows with isRolling: false");
        return null;
      }
      Window length = f.window(at + ".duration", true);
      return length == null ? null : SloWindow.rolling(length);
    }
    Matcher m = CALENDAR.matcher(duration);
    if (!m.matches()) {
      f.problem(
          at + ".duration",
          "'" + duration + "' is not a calendar duration; write e.g. 1M, 1Q, 1Y, 1w or 7d");
      return null;
    }
    int amount = Integer.parseInt(m.group(1));
    SloWindow.Unit unit =
        switch (m.group(2)) {
          case "d" -> SloWindow.Unit.DAY;
          case "w" -> SloWindow.Unit.WEEK;
          case "M" -> SloWindow.Unit.MONTH;
          case "Q" -> SloWindow.Unit.QUARTER;
          default -> SloWindow.Unit.YEAR;
        };
    String start = f.string(at + ".calendar.startTime", true);
    String zone = f.string(at + ".calendar.timeZone", true);
    if (start == null || zone == null) {
      return null;
    }
    try {
      var begins = LocalDateTime.parse(start, START).atZone(ZoneId.of(zone));
      long days =
          switch (unit) {
            case DAY -> amount;
            case WEEK -> 7L * amount;
            case MONTH -> 30L * amount;
            case QUARTER -> 91L * amount;
            case YEAR -> 365L * amount;
          };
      return new SloWindow(Window.days(days), new SloWindow.Calendar(amount, unit, begins));
    } catch (DateTimeParseException e) {
      f.problem(
          at + ".calendar.startTime", "'" + start + "' is not a time like 2026-01-01 00:00:00");
    } catch (java.time.DateTimeException e) {
      f.problem(at + ".calendar.timeZone", "'" + zone + "' is not a time zone like Europe/Berlin");
    }
    return null;
  }

  private static Budgeting budgeting(Fields f) {
    String method = f.string("spec.budgetingMethod", true);
    if (method == null) {
      return null;
    }
    Budgeting.Method m =
        switch (method) {
          case "Occurrences" -> Budgeting.Method.OCCURRENCES;
          case "Timeslices" -> Budgeting.Method.TIMESLICES;
          case "RatioTimeslices" -> Budgeting.Method.RATIO_TIMESLICES;
          default -> null;
        };
    if (m == null) {
      f.problem(
          "spec.budgetingMethod",
          "'" + method + "' is not Occurrences, Timeslices or RatioTimeslices");
      return null;
    }
    if (m == Budgeting.Method.OCCURRENCES) {
      return Budgeting.occurrences();
    }
    String at = "spec.objectives[0]";
    Window slice = f.window(at + ".timeSliceWindow", true);
    double sliceTarget = Double.NaN;
    if (m == Budgeting.Method.TIMESLICES && f.has(at + ".timeSliceTarget")) {
      sliceTarget = f.number(at + ".timeSliceTarget", true);
      if (!(sliceTarget > 0 && sliceTarget <= 1)) {
        f.problem(at + ".timeSliceTarget", "must be above 0 and at most 1");
      }
    }
    return slice == null ? null : new Budgeting(m, sliceTarget, slice);
  }

  private static double target(Fields f) {
    List<?> objectives = f.list("spec.objectives", true);
    if (objectives.size() != 1) {
      if (!objectives.isEmpty()) {
        f.problem(
            "spec.objectives", "must hold exactly one objective; write one SLO per objective");
      }
      return Double.NaN;
    }
    String at = "spec.objectives[0]";
    if (f.has(at + ".target") == f.has(at + ".targetPercent")) {
      f.problem(at, "needs exactly one of target (0.999) and targetPercent (99.9)");
      return Double.NaN;
    }
    boolean percent = f.has(at + ".targetPercent");
    String field = at + (percent ? ".targetPercent" : ".target");
    double value = f.number(field, true);
    double target = percent ? value / 100 : value;
    if (!Double.isNaN(value) && !(target > 0 && target < 1)) {
      f.problem(field, percent ? "must be above 0 and below 100" : "must be above 0 and below 1");
    }
    return target;
  }

  private Indicator indicator(Fields f, String sloName) {
    boolean inline = f.has("spec.indicator");
    boolean ref = f.has("spec.indicatorRef");
    if (inline == ref) {
      f.problem("spec", "needs exactly one of indicator and indicatorRef");
      return null;
    }
    if (inline) {
      String name = f.string("spec.indicator.metadata.name", false);
      return sli(f, "spec.indicator.spec", name == null ? sloName : name);
    }
    String name = f.string("spec.indicatorRef", true);
    SpecDocument sli = byKind.getOrDefault("SLI", Map.of()).get(name);
    if (sli == null) {
      f.problem("spec.indicatorRef", "names no SLI; add an SLI named '" + name + "'");
      return null;
    }
    Fields s = new Fields(sli, problems);
    Indicator indicator = sli(s, "spec", name);
    if (s.failed()) {
      f.problem("spec.indicatorRef", "the SLI '" + name + "' has problems (see above)");
      return null;
    }
    return indicator;
  }

  private Indicator sli(Fields f, String at, String name) {
    boolean ratio = f.has(at + ".ratioMetric");
    boolean threshold = f.has(at + ".thresholdMetric");
    if (ratio == threshold) {
      f.problem(at, "needs exactly one of ratioMetric and thresholdMetric");
      return null;
    }
    if (threshold) {
      Query value = metric(f, at + ".thresholdMetric", Kind.VALUE);
      String op = f.string("spec.objectives[0].op", false);
      double bound = f.number("spec.objectives[0].value", false);
      if (op == null || Double.isNaN(bound)) {
        f.problem("spec.objectives[0]", "a thresholdMetric needs op (lt, lte, gt, gte) and value");
        return null;
      }
      try {
        return value == null
            ? null
            : new Indicator.Threshold(name, value, Indicator.Comparison.of(op), bound);
      } catch (IllegalArgumentException e) {
        f.problem("spec.objectives[0].op", e.getMessage());
        return null;
      }
    }
    String r = at + ".ratioMetric";
    boolean counter = f.bool(r + ".counter", true);
    if (f.has(r + ".raw")) {
      String rawType = f.string(r + ".rawType", true);
      Query raw = metric(f, r + ".raw", counter ? Kind.COUNTER : Kind.RATE);
      if (raw == null || rawType == null) {
        return null;
      }
      return switch (rawType) {
        case "failure" -> new Indicator.ErrorRatio(name, raw);
        case "success" -> new Indicator.ErrorRatio(name, new Query("1 - (" + raw.template() + ")"));
        default -> {
          f.problem(r + ".rawType", "must be success or failure");
          yield null;
        }
      };
    }
    boolean good = f.has(r + ".good");
    boolean bad = f.has(r + ".bad");
    if (good == bad) {
      f.problem(r, "needs exactly one of good and bad, and total");
      return null;
    }
    Kind kind = counter ? Kind.COUNTER : Kind.RATE;
    Query events = metric(f, r + (good ? ".good" : ".bad"), kind);
    Query total = metric(f, r + ".total", kind);
    if (events == null || total == null) {
      return null;
    }
    return good
        ? new Indicator.EventRatio(name, events, null, total)
        : new Indicator.EventRatio(name, null, events, total);
  }

  /** What a metric's query returns. */
  private enum Kind {
    /** A counter: a bare selector is read as its rate. */
    COUNTER,
    /** A rate or gauge the query aggregates over its own {@code [{{.window}}]}. */
    RATE,
    /** A value judged as it is, per time slice. */
    VALUE
  }

  /** A {@code metricSource} of type Prometheus (given, or through its DataSource). */
  private Query metric(Fields f, String at, Kind kind) {
    String source = at + ".metricSource";
    if (!f.has(source)) {
      f.problem(at, "needs a metricSource");
      return null;
    }
    String type = f.string(source + ".type", false);
    String ref = f.string(source + ".metricSourceRef", false);
    if (ref != null) {
      SpecDocument ds = byKind.getOrDefault("DataSource", Map.of()).get(ref);
      if (ds == null) {
        f.problem(
            source + ".metricSourceRef",
            "names no DataSource; add a DataSource named '" + ref + "'");
        return null;
      }
      String dsType = new Fields(ds, problems).string("spec.type", true);
      type = type == null ? dsType : type;
    }
    if (type != null && !type.equals("Prometheus")) {
      f.problem(
          source + ".type", "'" + type + "' is not a source Fleetgate queries; use Prometheus");
      return null;
    }
    String query = f.string(source + ".spec.query", true);
    if (query == null) {
      return null;
    }
    if (kind == Kind.RATE && !query.contains("{{")) {
      f.problem(
          source + ".spec.query",
          "a query with counter: false must hold its own [{{.window}}] range");
      return null;
    }
    return f.query(source + ".spec.query", kind == Kind.COUNTER);
  }

  private Alerting alerting(Fields f) {
    List<?> policies = f.list("spec.alertPolicies", false);
    if (policies.isEmpty()) {
      return Alerting.defaults();
    }
    if (policies.size() > 1) {
      f.problem(
          "spec.alertPolicies",
          "Fleetgate reads one alert policy per SLO; merge their conditions into one");
      return null;
    }
    String at = "spec.alertPolicies[0]";
    Fields p = f;
    String base = at;
    if (f.has(at + ".alertPolicyRef")) {
      String ref = f.string(at + ".alertPolicyRef", true);
      SpecDocument doc = byKind.getOrDefault("AlertPolicy", Map.of()).get(ref);
      if (doc == null) {
        f.problem(
            at + ".alertPolicyRef", "names no AlertPolicy; add an AlertPolicy named '" + ref + "'");
        return null;
      }
      p = new Fields(doc, problems);
      base = "";
    }
    String name = p.string(join(base, "metadata.name"), true);
    List<?> conditions = p.list(join(base, "spec.conditions"), true);
    List<BurnRateAlert> alerts = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      BurnRateAlert alert = condition(p, join(base, "spec.conditions[" + i + "]"));
      if (alert != null) {
        alerts.add(alert);
      }
    }
    if (p.failed() || name == null) {
      if (p != f) {
        f.problem(
            at + ".alertPolicyRef", "the AlertPolicy '" + name + "' has problems (see above)");
      }
      return null;
    }
    return new Alerting(alertName(name), alerts, Map.of(), Map.of());
  }

  private BurnRateAlert condition(Fields p, String at) {
    Fields c = p;
    String base = at;
    if (p.has(at + ".conditionRef")) {
      String ref = p.string(at + ".conditionRef", true);
      SpecDocument doc = byKind.getOrDefault("AlertCondition", Map.of()).get(ref);
      if (doc == null) {
        p.problem(
            at + ".conditionRef",
            "names no AlertCondition; add an AlertCondition named '" + ref + "'");
        return null;
      }
      c = new Fields(doc, problems);
      base = "";
    }
    String spec = join(base, "spec");
    String severity = c.string(spec + ".severity", true);
    String kind = c.string(spec + ".condition.kind", true);
    String op = c.string(spec + ".condition.op", false);
    double threshold = c.number(spec + ".condition.threshold", true);
    Window lookback = c.window(spec + ".condition.lookbackWindow", true);
    Window after =
        c.has(spec + ".condition.alertAfter")
            ? c.window(spec + ".condition.alertAfter", true)
            : null;
    if (kind != null && !kind.equals("burnrate")) {
      c.problem(
          spec + ".condition.kind",
          "'" + kind + "' is not burnrate, the only kind Fleetgate alerts on");
      return null;
    }
    if (op != null && !op.equals("gt") && !op.equals("gte")) {
      c.problem(
          spec + ".condition.op", "a burn-rate alert fires above its threshold; use gt or gte");
      return null;
    }
    if (!Double.isNaN(threshold) && !(threshold > 0)) {
      c.problem(spec + ".condition.threshold", "must be above 0");
      return null;
    }
    if (severity == null || lookback == null || Double.isNaN(threshold) || c.failed()) {
      if (c != p) {
        p.problem(at + ".conditionRef", "the AlertCondition has problems (see above)");
      }
      return null;
    }
    return BurnRateAlert.withLookback(severity, threshold, lookback, after);
  }

  private static String join(String base, String field) {
    return base.isEmpty() ? field : base + "." + field;
  }

  /** {@code payment-gateway-burn} → {@code PaymentGatewayBurn}. */
  static String alertName(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("[-_.]")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
