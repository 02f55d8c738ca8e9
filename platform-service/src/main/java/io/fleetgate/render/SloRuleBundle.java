package io.fleetgate.render;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.slo.PrometheusRules;
import io.fleetgate.slo.RuleGenerator;
import io.fleetgate.slo.RuleGroup;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.SloCatalog;
import io.fleetgate.slo.SloProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle Fleetgate generates for a cluster whose {@code spec.slo.prometheus} entry delivers
 * rules: one {@code PrometheusRule} per SLO judged on the cluster ({@code spec.slo.targets}),
 * holding the rules {@link RuleGenerator} writes for it. It is rendered from the same repository
 * read as the repository's bundles and then judged, planned, applied and pruned like them.
 *
 * <p>It fails closed: while any SLO spec has a problem, a cluster that takes the bundle gets the
 * problems instead of objects — its render stops, so nothing is applied or pruned — since a spec
 * that does not read could be one whose rules the cluster holds. With no SLOs for the cluster the
 * bundle is not selected, and what it delivered before is pruned as for a retired bundle.
 */
public final class SloRuleBundle {

  /** The bundle's name; fleet.yaml may not give it to a bundle of its own. */
  public static final String NAME = "slo-rules";

  /** The rule groups of each SLO of the catalog last rendered, so each SLO is generated once. */
  private volatile Generated last;

  private record Generated(SloCatalog catalog, Map<Slo, List<RuleGroup>> groups) {}

  /** What the bundle holds for one cluster; {@code selected} is false when it has no objects. */
  record ForCluster(boolean selected, List<RenderedObject> objects, List<RenderProblem> problems) {
    static final ForCluster NONE = new ForCluster(false, List.of(), List.of());
  }

  /**
   * The bundle for a cluster, or {@link ForCluster#NONE} when the cluster is delivered no rules.
   */
  ForCluster render(FleetSpec spec, SloCatalog catalog, ClusterTarget target) {
    Optional<FleetSpec.RuleDelivery> delivery = spec.slo().rulesFor(target.labels());
    if (delivery.isEmpty()) {
      return ForCluster.NONE;
    }
    if (!catalog.problems().isEmpty()) {
      return new ForCluster(
          false, List.of(), catalog.problems().stream().map(SloRuleBundle::problem).toList());
    }
    Map<Slo, List<RuleGroup>> groups = groups(catalog);
    List<RenderedObject> objects = new ArrayList<>();
    Map<String, Slo> byName = new HashMap<>();
    List<RenderProblem> problems = new ArrayList<>();
    for (Slo slo : catalog.slos()) {
      if (!spec.slo().judges(slo.service(), target.labels())) {
        continue;
      }
      String name = PrometheusRules.name(slo);
      Slo same = byName.putIfAbsent(name, slo);
      if (same != null) {
        problems.add(
            new RenderProblem(
                slo.declaredAt(),
                "SLO "
                    + slo.id()
                    + " would be delivered as PrometheusRule "
                    + name
                    + ", like SLO "
                    + same.id()
                    + " at "
                    + same.declaredAt()
                    + "; rename one of the services or SLOs"));
        continue;
      }
      Map<String, Object> content =
          PrometheusRules.object(
              slo, delivery.get().namespace(), delivery.get().labels(), groups.get(slo));
      objects.add(
          new RenderedObject(
              new ObjectRef(
                  "monitoring.coreos.com", PrometheusRules.KIND, delivery.get().namespace(), name),
              NAME,
              content,
              slo.declaredAt()));
    }
    if (!problems.isEmpty()) {
      return new ForCluster(false, List.of(), problems);
    }
    return new ForCluster(!objects.isEmpty(), objects, List.of());
  }

  /**
   * Whether a cluster with these labels takes the bundle: fleet.yaml delivers rules to it, and an
   * SLO is judged on it or a spec has a problem (which then stops its render).
   */
  public static boolean takes(FleetSpec spec, SloCatalog catalog, Map<String, String> labels) {
    return spec.slo().rulesFor(labels).isPresent()
        && (!catalog.problems().isEmpty()
            || catalog.slos().stream().anyMatch(s -> spec.slo().judges(s.service(), labels)));
  }

  /** An SLO spec's problem as the render reports it, worded as {@code validate} words it. */
  static RenderProblem problem(SloProblem p) {
    return new RenderProblem(
        p.location(), (p.field().isEmpty() ? "" : p.field() + ": ") + p.message());
  }

  private Map<Slo, List<RuleGroup>> groups(SloCatalog catalog) {
    Generated known = last;
    if (known != null && known.catalog() == catalog) {
      return known.groups();
    }
    Map<Slo, List<RuleGroup>> groups = new IdentityHashMap<>();
    for (Slo slo : catalog.slos()) {
      groups.put(slo, RuleGenerator.rules(slo));
    }
    last = new Generated(catalog, groups);
    return groups;
  }
}
