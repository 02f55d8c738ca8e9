package io.fleetgate.slo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus Operator {@code PrometheusRule} object that holds one SLO's rules: the unit in
 * which the sync engine delivers them to a cluster and {@code slo rules --format prometheusrule}
 * prints them, so both name and shape them alike.
 */
public final class PrometheusRules {

  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String KIND = "PrometheusRule";

  /** The label every object Fleetgate writes itself carries. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The annotation naming the SLO an object holds the rules of ({@code service/slo}). */
  public static final String SLO_ANNOTATION = "fleetgate.io/slo";

  private PrometheusRules() {}

  /**
   * {@code fleetgate-slo-<service>-<slo>}, the service lower-cased with every character but a
   * letter or digit as {@code -}: a valid object name (at most 206 characters, since a service has
   * at most 128 and an SLO's name is a DNS label). Two SLOs may share one (services {@code a_b} and
   * {@code a-b}); whoever delivers them must refuse that.
   */
  public static String name(Slo slo) {
    return "fleetgate-slo-"
        + slo.service().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-")
        + "-"
        + slo.name();
  }

  /**
   * The object: {@code spec.groups} are the SLO's rule groups as a rule file writes them.
   *
   * @param labels added to Fleetgate's own {@link #MANAGED_BY} label
   */
  public static Map<String, Object> object(
      Slo slo, String namespace, Map<String, String> labels, List<RuleGroup> groups) {
    Map<String, String> allLabels = new TreeMap<>(labels);
    allLabels.put(MANAGED_BY, "fleetgate");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name(slo));
    metadata.put("namespace", namespace);
    metadata.put("labels", allLabels);
    metadata.put("annotations", new TreeMap<>(Map.of(SLO_ANNOTATION, slo.id())));
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", API_VERSION);
    object.put("kind", KIND);
    object.put("metadata", metadata);
    object.put("spec", Map.of("groups", RuleFile.groups(groups)));
    return object;
  }
}
