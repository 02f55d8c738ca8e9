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

  /** The longest object name Kubernetes accepts (a DNS subdomain). */
  static final int MAX_NAME = 253;

  /**
   * {@code fleetgate-slo-<service>-<slo>}, each lower-cased with every run of characters but
   * letters and digits as one {@code -}: a valid object name whatever the spec's format allows (a
   * Sloth SLO may be called {@code API_Latency}); cut to 253 characters with a hash of the SLO's
   * identity when longer. Two SLOs may share one (services {@code a_b} and {@code a-b}); whoever
   * delivers them must refuse that.
   */
  public static String name(Slo slo) {
    String name = "fleetgate-slo-" + part(slo.service()) + "-" + part(slo.name());
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = hash(slo.id());
    return name.substring(0, MAX_NAME - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
  }

  /** Eight hex digits of a checksum of the SLO's identity (a clash is refused, as any other). */
  private static String hash(String id) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    for (char c : id.toCharArray()) {
      crc.update(c >> 8);
      crc.update(c);
    }
    return "%08x".formatted(crc.getValue());
  }

  private static String part(String text) {
    String part =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return part.isEmpty() ? "x" : part;
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
