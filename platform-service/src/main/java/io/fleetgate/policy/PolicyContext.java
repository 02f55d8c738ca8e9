package io.fleetgate.policy;

import io.fleetgate.domain.ClusterTarget;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one gate check needs beyond the objects.
 *
 * @param cluster the cluster the objects are rendered for
 * @param commit the revision they come from
 * @param parameters the policy parameters of the cluster's group ({@code input.params})
 * @param waivers the repository's waivers
 * @param today the day waivers are judged on (UTC)
 * @param policies the repository's own policies, evaluated with the built-in ones
 */
public record PolicyContext(
    ClusterTarget cluster,
    String commit,
    Map<String, Object> parameters,
    Waivers waivers,
    LocalDate today,
    RepoPolicies policies) {

  public PolicyContext {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(commit, "commit");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    Objects.requireNonNull(waivers, "waivers");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(policies, "policies");
  }

  /** A context with the built-in policies only. */
  public PolicyContext(
      ClusterTarget cluster,
      String commit,
      Map<String, Object> parameters,
      Waivers waivers,
      LocalDate today) {
    this(cluster, commit, parameters, waivers, today, RepoPolicies.none());
  }

  /** A context without parameters or waivers, judged today. */
  public static PolicyContext of(ClusterTarget cluster, String commit) {
    return new PolicyContext(
        cluster, commit, Map.of(), Waivers.none(), LocalDate.now(ZoneOffset.UTC));
  }
}
