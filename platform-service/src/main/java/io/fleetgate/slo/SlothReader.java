package io.fleetgate.slo;

import io.fleetgate.domain.SpecDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads Sloth's {@code prometheus/v1} spec: one service and its SLOs, each with an events or a raw
 * error-ratio indicator and page and ticket alerts. Sloth judges every SLO over 30 days.
 */
final class SlothReader {

  static final String VERSION = "prometheus/v1";

  /** Sloth's default SLO period. */
  static final Window PERIOD = Window.days(30);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private SlothReader() {}

  static List<Slo> read(SpecDocument document, List<SloProblem> problems) {
    Fields f = new Fields(document, problems);
    String service = f.string("service", true);
    Map<String, String> serviceLabels = f.strings("labels");
    List<?> slos = f.list("slos", true);
    if (service == null) {
      return List.of();
    }
    if (!Labels.SERVICE_NAME.matcher(service).matches()) {
      f.problem("service", "'" + service + "' may hold letters, digits, '.', '_' and '-' only");
      return List.of();
    }
    List<Slo> out = new ArrayList<>();
    for (int i = 0; i < slos.size(); i++) {
      Slo slo = slo(f, "slos[" + i + "]", service, serviceLabels);
      if (slo != null) {
        out.add(slo);
      }
    }
    return out;
  }

  private static Slo slo(Fields f, String at, String service, Map<String, String> serviceLabels) {
    int mark = f.mark();
    String name = f.string(at + ".name", true);
    if (name != null && !NAME.matcher(name).matches()) {
      f.problem(at + ".name", "'" + name + "' may hold letters, digits, '.', '_' and '-' only");
    }
    double objective = f.number(at + ".objective", true);
    if (!Double.isNaN(objective) && !(objective > 0 && objective < 100)) {
      f.problem(at + ".objective", "is a percentage: above 0 and below 100, e.g. 99.9");
    }
    String description = f.string(at + ".description", false);
    Map<String, String> labels = new LinkedHashMap<>(serviceLabels);
    labels.putAll(f.strings(at + ".labels"));
    for (String reserved : Labels.RESERVED) {
      if (labels.remove(reserved) != null) {
        f.problem(at + ".labels." + reserved, "is set by Fleetgate; remove it");
      }
    }
    Indicator indicator = indicator(f, at + ".sli", name);
    Alerting alerting = alerting(f, at + ".alerting");
    if (f.failedSince(mark) || indicator == null || alerting == null) {
      return null;
    }
    return new Slo(
        name,
        service,
        description == null ? "" : description,
        objective / 100,
        SloWindow.rolling(PERIOD),
        Budgeting.occurrences(),
        indicator,
        alerting,
        labels,
        f.document().at(at));
  }

  private static Indicator indicator(Fields f, String at, String name) {
    boolean events = f.has(at + ".events");
    boolean raw = f.has(at + ".raw");
    if (f.has(at + ".plugin")) {
      f.problem(
          at + ".plugin", "Sloth SLI plugins are not read; write the events or raw queries out");
      return null;
    }
    if (events == raw) {
      f.problem(at, "needs exactly one of events and raw");
      return null;
    }
    if (raw) {
      Query ratio = f.query(at + ".raw.error_ratio_query", true);
      return ratio == null ? null : new Indicator.ErrorRatio(name, ratio);
    }
    Query bad = f.query(at + ".events.error_query", true);
    Query total = f.query(at + ".events.total_query", true);
    return bad == null || total == null ? null : new Indicator.EventRatio(name, null, bad, total);
  }

  private static Alerting alerting(Fields f, String at) {
    String name = f.string(at + ".name", false);
    Map<String, String> labels = f.strings(at + ".labels");
    Map<String, String> annotations = f.strings(at + ".annotations");
    List<BurnRateAlert> conditions = new ArrayList<>();
    for (BurnRateAlert alert : BurnRateAlert.defaults()) {
      String kind = alert.severity().equals("page") ? ".page_alert" : ".ticket_alert";
      if (f.bool(at + kind + ".disable", false)) {
        continue;
      }
      Map<String, String> own = f.strings(at + kind + ".labels");
      String severity = own.getOrDefault(Labels.SEVERITY, alert.severity());
      own.remove(Labels.SEVERITY);
      conditions.add(
          new BurnRateAlert(
              severity,
              alert.factor(),
              alert.longWindow(),
              alert.shortWindow(),
              alert.after(),
              own,
              f.strings(at + kind + ".annotations")));
    }
    if (!conditions.isEmpty() && name == null && f.has(at)) {
      f.problem(at + ".name", "is required when alerts are enabled (Sloth's rule too)");
      return null;
    }
    return new Alerting(
        name == null ? Alerting.DEFAULT_NAME : name, conditions, labels, annotations);
  }
}
