package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code spec.slo.prometheus[].rules} of {@code fleet.yaml}; each refusal names the line of
 * the field it is about and what to write instead.
 */
final class RuleDeliveryField {

  /** The one way the sync engine delivers rules; rule files are written by {@code slo rules}. */
  static final String PROMETHEUS_RULE = "PrometheusRule";

  private static final Set<String> FIELDS = Set.of("delivery", "namespace", "labels");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private RuleDeliveryField() {}

  /**
   * @param path the field's path, {@code spec.slo.prometheus[0].rules}
   * @param document where the Fleet document starts, for fields {@code lines} does not locate
   * @param lines the line of each field of the document, by path
   */
  static FleetSpec.RuleDelivery read(
      Object value, String path, SourceLocation document, Map<String, Integer> lines)
      throws ManifestException {
    SourceLocation at = at(path, document, lines);
    if (!(value instanceof Map<?, ?> rules)) {
      throw new ManifestException(
          at,
          path
              + " must be a mapping: {delivery: PrometheusRule, namespace: NAMESPACE}; remove it to"
              + " deliver no rules");
    }
    for (Object key : rules.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        throw new ManifestException(
            at(path + "." + key, document, lines),
            path + "." + key + " is not a field; use delivery, namespace and labels");
      }
    }
    Object delivery = rules.get("delivery");
    if (!PROMETHEUS_RULE.equals(delivery)) {
      throw new ManifestException(
          at(path + ".delivery", document, lines),
          path
              + ".delivery must be PrometheusRule (the Prometheus Operator's objects)"
              + (delivery == null ? "" : ", not '" + delivery + "'")
              + "; for a Prometheus outside the cluster write rule files with 'fleetgate slo rules"
              + " --out DIR' and remove "
              + path);
    }
    Object namespace = rules.get("namespace");
    if (!(namespace instanceof String ns) || ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
      throw new ManifestException(
          at(path + ".namespace", document, lines),
          path
              + ".namespace "
              + (namespace == null ? "is required" : "'" + namespace + "' is not a namespace name")
              + ": name the namespace the cluster's Prometheus reads PrometheusRule objects from"
              + " (lower-case letters, digits and '-', at most 63)");
    }
    return new FleetSpec.RuleDelivery(ns, labels(rules.get("labels"), path, document, lines), at);
  }

  private static Map<String, String> labels(
      Object value, String path, SourceLocation document, Map<String, Integer> lines)
      throws ManifestException {
    if (value == null) {
      return Map.of();
    }
    String field = path + ".labels";
    if (!(value instanceof Map<?, ?> map)) {
      throw new ManifestException(
          at(field, document, lines), field + " must be a mapping of label names to values");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (var e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      SourceLocation keyAt = at(field + "." + key, document, lines);
      if (!labelKey(key)) {
        throw new ManifestException(
            keyAt, field + ": '" + key + "' is not a Kubernetes label name ([prefix/]name)");
      }
      if (key.startsWith("fleetgate.io/") || key.equals("app.kubernetes.io/managed-by")) {
        throw new ManifestException(
            keyAt, field + ": '" + key + "' is set by Fleetgate; remove it");
      }
      if (!(e.getValue() instanceof String v)
          || v.length() > 63
          || !(v.isEmpty() || LABEL_NAME.matcher(v).matches())) {
        throw new ManifestException(
            keyAt,
            field
                + "."
                + key
                + " must be a label value: a quoted string of at most 63 letters, digits, '-', '_'"
                + " and '.'");
      }
      labels.put(key, v);
    }
    return labels;
  }

  private static boolean labelKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return !name.isEmpty() && name.length() <= 63 && LABEL_NAME.matcher(name).matches();
  }

  /** The line of the field, or of the nearest enclosing field that is written. */
  private static SourceLocation at(
      String path, SourceLocation document, Map<String, Integer> lines) {
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      Integer line = lines.get(p);
      if (line != null) {
        return new SourceLocation(document.path(), line);
      }
    }
    return document;
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
