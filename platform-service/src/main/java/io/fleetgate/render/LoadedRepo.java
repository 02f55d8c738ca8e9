package io.fleetgate.render;

import java.util.List;
import java.util.Map;

/**
 * A config repository read once for all clusters: the fleet spec and every manifest, with the
 * problems found while reading them (by bundle, so a broken bundle blocks only its clusters).
 *
 * @param spec the fleet; null when {@code fleet.yaml} itself is unusable
 * @param fleetProblems problems that block every cluster
 * @param bundleManifests each bundle's manifests
 * @param bundleProblems each bundle's problems
 * @param overlays each cluster directory's manifests (without its {@code cluster.yaml})
 * @param overlayProblems each cluster directory's problems
 * @param waivers the repository's waivers ({@code waivers.yaml}); invalid ones are fleet problems
 * @param policies the repository's own policies ({@code policies/*.rego})
 * @param slos the SLOs of {@code slos/}; their problems block no cluster
 */
public record LoadedRepo(
    FleetSpec spec,
    List<RenderProblem> fleetProblems,
    Map<String, List<Manifest>> bundleManifests,
    Map<String, List<RenderProblem>> bundleProblems,
    Map<String, List<Manifest>> overlays,
    Map<String, List<RenderProblem>> overlayProblems,
    io.fleetgate.policy.Waivers waivers,
    io.fleetgate.policy.RepoPolicies policies,
    io.fleetgate.slo.SloCatalog slos) {

  /** A repository read without its SLOs (it could not be read far enough to have them). */
  public LoadedRepo(
      FleetSpec spec,
      List<RenderProblem> fleetProblems,
      Map<String, List<Manifest>> bundleManifests,
      Map<String, List<RenderProblem>> bundleProblems,
      Map<String, List<Manifest>> overlays,
      Map<String, List<RenderProblem>> overlayProblems,
      io.fleetgate.policy.Waivers waivers,
      io.fleetgate.policy.RepoPolicies policies) {
    this(
        spec,
        fleetProblems,
        bundleManifests,
        bundleProblems,
        overlays,
        overlayProblems,
        waivers,
        policies,
        new io.fleetgate.slo.SloCatalog(List.of(), List.of()));
  }
}
