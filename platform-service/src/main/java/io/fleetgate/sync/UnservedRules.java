package io.fleetgate.sync;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.render.FleetSpec;
import io.fleetgate.render.SloRuleBundle;
import io.fleetgate.slo.PrometheusRules;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Explains why a cluster refused the SLO rules it was delivered when it does not serve {@code
 * PrometheusRule} (the Prometheus Operator's CRD is not installed): the server's own words name
 * neither the fleet.yaml line that asked for the delivery nor the two ways out.
 */
final class UnservedRules {

  private static final ClusterWriter.TypeName TYPE =
      new ClusterWriter.TypeName(PrometheusRules.API_VERSION, PrometheusRules.KIND);

  private UnservedRules() {}

  /**
   * The results, with each failed object of the {@link SloRuleBundle} explained when the cluster
   * serves no {@code PrometheusRule}; the same results otherwise. Asks the cluster only when such
   * an object failed.
   */
  static List<ObjectResult> explain(
      List<ObjectResult> results,
      ClusterWriter writer,
      FleetSpec spec,
      Map<String, String> labels) {
    boolean failed =
        results.stream()
            .anyMatch(
                r ->
                    r.action() == ObjectResult.Action.FAILED
                        && r.bundle().equals(SloRuleBundle.NAME));
    if (!failed || spec == null || !writer.scopes(Set.of(TYPE)).isEmpty()) {
      return results;
    }
    String asked =
        spec.slo().rulesFor(labels).map(r -> r.declaredAt().toString()).orElse(FleetSpec.FILE);
    String why =
        "the cluster does not serve "
            + PrometheusRules.API_VERSION
            + " "
            + PrometheusRules.KIND
            + ", which "
            + asked
            + " delivers the SLO rules as: install the Prometheus Operator's CRDs"
            + " (monitoring.coreos.com_prometheusrules.yaml) in the cluster, or remove 'rules'"
            + " from that spec.slo.prometheus entry to deliver none";
    return results.stream()
        .map(
            r ->
                r.action() == ObjectResult.Action.FAILED && r.bundle().equals(SloRuleBundle.NAME)
                    ? new ObjectResult(r.ref(), r.bundle(), r.source(), r.action(), why)
                    : r)
        .toList();
  }
}
