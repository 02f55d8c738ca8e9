package io.fleetgate.console.fleet;

import io.fleetgate.api.ClusterSummary;

/**
 * One row of the fleet table, with the words the console shows.
 *
 * @param health "Reachable" or "Unreachable: why"
 */
public record ClusterRow(
    String name,
    String provider,
    String region,
    String env,
    String tier,
    String phase,
    String kubernetesVersion,
    boolean reachable,
    String health) {

  static ClusterRow of(ClusterSummary summary) {
    return new ClusterRow(
        summary.name(),
        summary.provider(),
        summary.region(),
        summary.env(),
        summary.tier(),
        summary.phase(),
        summary.kubernetesVersion(),
        summary.reachable(),
        summary.reachable() ? "Reachable" : "Unreachable: " + summary.problem());
  }

  /** True when the query (case-insensitive) occurs in the name, provider, region, env or tier. */
  boolean matches(String query) {
    if (query == null || query.isBlank()) {
      return true;
    }
    String q = query.strip().toLowerCase(java.util.Locale.ROOT);
    return java.util.stream.Stream.of(name, provider, region, env, tier, phase)
        .anyMatch(field -> field.toLowerCase(java.util.Locale.ROOT).contains(q));
  }
}
