package io.fleetgate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.inventory.InventoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan's rules as a table: what Git declares, what was applied, what lives → the steps. */
class SyncPlannerTest {

  private static final Map<GroupKind, KindScope> SCOPES =
      Map.of(
          new GroupKind("", "ConfigMap"), KindScope.NAMESPACED,
          new GroupKind("", "Secret"), KindScope.NAMESPACED,
          new GroupKind("", "ServiceAccount"), KindScope.NAMESPACED,
          new GroupKind("apps", "Deployment"), KindScope.NAMESPACED,
          new GroupKind("", "Namespace"), KindScope.CLUSTER,
          new GroupKind("rbac.authorization.k8s.io", "ClusterRole"), KindScope.CLUSTER,
          new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"), KindScope.CLUSTER);

  /** One row: the input, then the steps expected in order (see {@link #describe}). */
  record Case(String name, PlanInput input, List<String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    var mover = configMap("payments", "payments", "mover", "v1");
    var moverInBaseline = configMap("baseline", "payments", "mover", "v1");
    var moverInOverlay = configMap("cluster-overlay", "payments", "mover", "v1");
    var quota = configMap("baseline", "payments", "quota", "1");
    var ns = namespace("baseline", "payments");
    var deploy = deployment("payments", "payments", "gateway");
    var crd = crd("platform", "widgets.example.com", "example.com", "Widget", "Namespaced");
    var clusterCrd = crd("platform", "fleets.example.com", "example.com", "Fleet", "Cluster");
    var widget = custom("platform", "example.com/v1", "Widget", "", "w1");
    var fleetObj = custom("platform", "example.com/v1", "Fleet", "payments", "f1");
    var prometheuses =
        crd(
            "platform",
            "prometheuses.monitoring.coreos.com",
            "monitoring.coreos.com",
            "Prometheus",
            "Namespaced");
    return Stream.of(
        new Case(
            "a new object is created", in(List.of(mover)).build(), List.of("apply+ " + ref(mover))),
        new Case(
            "an unchanged object is skipped",
            in(List.of(mover)).inventory(recorded(mover)).build(),
            List.of("skip " + ref(mover))),
        new Case(
            "a changed object is updated",
            in(List.of(configMap("payments", "payments", "mover", "v2")))
                .inventory(recorded(mover))
                .build(),
            List.of("apply~ " + ref(mover))),
        new Case(
            "a full check compares an unchanged object and reports drift",
            in(List.of(mover)).inventory(recorded(mover)).fullCheck().build(),
            List.of("check " + ref(mover))),
        new Case(
            "a full check heals a self-healing bundle",
            in(List.of(mover))
                .inventory(recorded(mover))
                .options("payments", new BundleOptions(true, true, true))
                .fullCheck()
                .build(),
            List.of("check+heal " + ref(mover))),
        new Case(
            "an object removed from Git and owned live is pruned",
            in(List.of(quota))
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("skip " + ref(quota), "prune " + ref(mover))),
        new Case(
            "an object already deleted live is forgotten",
            in(List.of(quota))
                .inventory(recorded(quota), recorded(mover))
                .live(mover, LiveFacts.gone())
                .build(),
            List.of("skip " + ref(quota), "release " + ref(mover) + " ALREADY_GONE")),
        new Case(
            "an object marked prune: disabled is left and forgotten",
            in(List.of(quota))
                .inventory(recorded(quota), recorded(mover))
                .live(mover, new LiveFacts(true, "payments", true, "u"))
                .build(),
            List.of(
                "skip " + ref(quota), "release " + ref(mover) + " PRUNE_DISABLED_BY_ANNOTATION")),
        new Case(
            "a bundle that does not prune keeps its leftovers recorded",
            in(List.of(quota))
                .inventory(recorded(quota), recorded(mover))
                .options("payments", new BundleOptions(false, false, true))
                .live(mover, owned("payments"))
                .build(),
            List.of("skip " + ref(quota), "retain " + ref(mover) + " BUNDLE_DOES_NOT_PRUNE")),
        new Case(
            "a live object labelled for another bundle is never deleted",
            in(List.of(quota))
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned("billing"))
                .build(),
            List.of("skip " + ref(quota), "release " + ref(mover) + " OWNED_ELSEWHERE")),
        new Case(
            "a live object without a bundle label is never deleted",
            in(List.of(quota))
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned(""))
                .build(),
            List.of("skip " + ref(quota), "release " + ref(mover) + " OWNED_ELSEWHERE")),
        new Case(
            "without its live state an object is kept",
            in(List.of(quota)).inventory(recorded(quota), recorded(mover)).build(),
            List.of("skip " + ref(quota), "retain " + ref(mover) + " LIVE_STATE_UNKNOWN")),
        new Case(
            "an object moved between bundles is adopted, not pruned",
            in(List.of(moverInBaseline, quota))
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("adopt " + ref(mover) + " from payments", "skip " + ref(quota))),
        new Case(
            "an object moved into the cluster overlay is adopted",
            in(List.of(moverInOverlay, quota)).inventory(recorded(quota), recorded(mover)).build(),
            List.of("adopt " + ref(mover) + " from payments", "skip " + ref(quota))),
        new Case(
            "an object moved out of the cluster overlay is adopted",
            in(List.of(mover, quota)).inventory(recorded(quota), recorded(moverInOverlay)).build(),
            List.of("adopt " + ref(mover) + " from cluster-overlay", "skip " + ref(quota))),
        new Case(
            "a renamed object is created under its new name and the old one pruned",
            in(List.of(configMap("payments", "payments", "mover-2", "v1")))
                .inventory(recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("apply+ ConfigMap payments/mover-2", "prune " + ref(mover))),
        new Case(
            "an object moved to another namespace is created there and pruned where it was",
            in(List.of(configMap("payments", "billing", "mover", "v1")))
                .inventory(recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("apply+ ConfigMap billing/mover", "prune " + ref(mover))),
        new Case(
            "an object whose kind changed is a new object",
            in(List.of(secret("payments", "payments", "mover")))
                .inventory(recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("apply+ Secret payments/mover", "prune " + ref(mover))),
        new Case(
            "an empty render over recorded objects halts the sync",
            in(List.of()).inventory(recorded(mover)).live(mover, owned("payments")).build(),
            List.of("halted")),
        new Case(
            "an empty render of an empty cluster plans nothing", in(List.of()).build(), List.of()),
        new Case(
            "a denied bundle's objects are blocked and its leftovers kept",
            in(List.of(configMap("payments", "payments", "new", "1"), quota))
                .denied("payments")
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of(
                "blocked ConfigMap payments/new",
                "skip " + ref(quota),
                "retain " + ref(mover) + " BUNDLE_DENIED")),
        new Case(
            "an object moved into a denied bundle stays where it is",
            in(List.of(moverInBaseline, quota))
                .denied("baseline")
                .inventory(recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("blocked " + ref(mover), "blocked " + ref(quota))),
        new Case(
            "a selected bundle that renders nothing keeps its objects",
            in(List.of(quota))
                .selected("baseline", "payments")
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("skip " + ref(quota), "retain " + ref(mover) + " BUNDLE_RENDERED_NOTHING")),
        new Case(
            "a bundle that no longer selects the cluster is pruned",
            in(List.of(quota))
                .selected("baseline")
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of("skip " + ref(quota), "prune " + ref(mover))),
        new Case(
            "a CRD is applied before its custom resources, which get their scope from it",
            in(List.of(widget, crd)).scopes(Map.of()).build(),
            List.of(
                "apply+ CustomResourceDefinition widgets.example.com", "apply+ Widget default/w1")),
        new Case(
            "a cluster-scoped custom resource loses the namespace it was written with",
            in(List.of(fleetObj, clusterCrd)).build(),
            List.of("apply+ CustomResourceDefinition fleets.example.com", "apply+ Fleet f1")),
        new Case(
            "bundles that render nothing keep everything, a namespace in use too",
            in(List.of(quota))
                .selected("baseline", "payments", "platform")
                .inventory(
                    recorded(quota), recorded(crd), recorded(ns), recorded(mover), recorded(deploy))
                .live(crd, owned("platform"))
                .live(ns, owned("baseline"))
                .live(mover, owned("payments"))
                .live(deploy, owned("payments"))
                .build(),
            List.of(
                "skip " + ref(quota),
                "retain " + ref(deploy) + " BUNDLE_RENDERED_NOTHING",
                "retain " + ref(mover) + " BUNDLE_RENDERED_NOTHING",
                "retain " + ref(ns) + " NAMESPACE_IN_USE",
                "retain " + ref(crd) + " BUNDLE_RENDERED_NOTHING")),
        new Case(
            "prune order: workloads, then config, then the namespace, then CRDs",
            in(List.of(configMap("other", "other", "keep", "1")))
                .selected("other")
                .inventory(recorded(crd), recorded(ns), recorded(mover), recorded(deploy))
                .live(crd, definition("platform", "example.com", "Widget"))
                .live(ns, owned("baseline"))
                .live(mover, owned("payments"))
                .live(deploy, owned("payments"))
                .build(),
            List.of(
                "apply+ ConfigMap other/keep",
                "prune " + ref(deploy),
                "prune " + ref(mover),
                "prune " + ref(ns),
                "prune " + ref(crd))),
        new Case(
            "a namespace that declared objects live in is never pruned",
            in(List.of(mover))
                .inventory(recorded(ns), recorded(mover))
                .live(ns, owned("baseline"))
                .build(),
            List.of("skip " + ref(mover), "retain " + ref(ns) + " NAMESPACE_IN_USE")),
        new Case(
            "a CRD whose kind Git still declares is never pruned",
            in(List.of(custom("apps-team", "example.com/v1", "Widget", "payments", "w1")))
                .selected("apps-team")
                .scopes(Map.of(new GroupKind("example.com", "Widget"), KindScope.NAMESPACED))
                .inventory(recorded(crd))
                .live(crd, definition("platform", "example.com", "Widget"))
                .build(),
            List.of("apply+ Widget payments/w1", "retain " + ref(crd) + " DEFINITION_IN_USE")),
        new Case(
            "a CRD with an irregular plural is kept while its kind is declared",
            in(List.of(
                    custom("monitoring", "monitoring.coreos.com/v1", "Prometheus", "ops", "main")))
                .scopes(
                    Map.of(
                        new GroupKind("monitoring.coreos.com", "Prometheus"), KindScope.NAMESPACED))
                .inventory(recorded(prometheuses))
                .live(prometheuses, definition("platform", "monitoring.coreos.com", "Prometheus"))
                .build(),
            List.of(
                "apply+ Prometheus ops/main",
                "retain " + ref(prometheuses) + " DEFINITION_IN_USE")),
        new Case(
            "a CRD whose live definition cannot be read is kept",
            in(List.of(quota))
                .inventory(recorded(quota), recorded(crd))
                .live(crd, owned("platform"))
                .build(),
            List.of("skip " + ref(quota), "retain " + ref(crd) + " LIVE_STATE_UNKNOWN")),
        new Case(
            "a CRD that kept objects are of is kept",
            in(List.of(quota))
                .selected("baseline", "apps-team")
                .inventory(
                    recorded(quota),
                    recorded(crd),
                    recorded(custom("apps-team", "example.com/v1", "Widget", "payments", "w1")))
                .live(crd, definition("platform", "example.com", "Widget"))
                .build(),
            List.of(
                "skip " + ref(quota),
                "retain Widget payments/w1 BUNDLE_RENDERED_NOTHING",
                "retain " + ref(crd) + " DEFINITION_IN_USE")),
        new Case(
            "a namespace that kept objects live in is never pruned",
            in(List.of(configMap("other", "other", "keep", "1")))
                .selected("other", "payments")
                .inventory(recorded(ns), recorded(mover))
                .live(ns, owned("baseline"))
                .build(),
            List.of(
                "apply+ ConfigMap other/keep",
                "retain " + ref(mover) + " BUNDLE_RENDERED_NOTHING",
                "retain " + ref(ns) + " NAMESPACE_IN_USE")),
        new Case(
            "a rename into a denied bundle prunes nothing until policy allows it",
            in(List.of(configMap("billing", "payments", "mover-2", "v1"), quota))
                .selected("billing", "baseline", "payments")
                .denied("billing")
                .inventory(recorded(quota), recorded(mover))
                .live(mover, owned("payments"))
                .build(),
            List.of(
                "blocked ConfigMap payments/mover-2",
                "skip " + ref(quota),
                "retain " + ref(mover) + " BUNDLE_RENDERED_NOTHING")),
        new Case(
            "while any bundle is denied, other bundles' prunes wait",
            in(List.of(configMap("billing", "billing", "x", "1"), quota))
                .denied("billing")
                .inventory(recorded(quota), recorded(configMap("baseline", "payments", "old", "1")))
                .live(configMap("baseline", "payments", "old", "1"), owned("baseline"))
                .build(),
            List.of(
                "blocked ConfigMap billing/x",
                "skip " + ref(quota),
                "retain ConfigMap payments/old POLICY_DENIED_ELSEWHERE")),
        new Case(
            "a kind of unknown scope written with a namespace never prunes its recorded self",
            in(List.of(
                    custom(
                        "platform", "issuers.example.com/v1", "ClusterIssuer", "payments", "ca")))
                .selected("platform")
                .inventory(
                    recorded(
                        custom("platform", "issuers.example.com/v1", "ClusterIssuer", "", "ca")))
                .live(
                    custom("platform", "issuers.example.com/v1", "ClusterIssuer", "", "ca"),
                    owned("platform"))
                .build(),
            List.of("apply+ ClusterIssuer payments/ca")),
        new Case(
            "while a declared kind's scope is unknown, prunes wait",
            in(List.of(
                    custom("platform", "issuers.example.com/v1", "ClusterIssuer", "", "ca"), quota))
                .selected("platform", "baseline")
                .inventory(recorded(quota), recorded(configMap("baseline", "payments", "old", "1")))
                .live(configMap("baseline", "payments", "old", "1"), owned("baseline"))
                .build(),
            List.of(
                "skip " + ref(quota),
                "apply+ ClusterIssuer ca",
                "retain ConfigMap payments/old SCOPE_UNKNOWN")),
        new Case(
            "a bundle limited to namespaces may not declare a cluster-scoped object",
            in(List.of(
                    object(
                        "team-b",
                        "rbac.authorization.k8s.io/v1",
                        "ClusterRole",
                        "team-b",
                        "escalate",
                        Map.of())))
                .options("team-b", new BundleOptions(true, false, true, List.of("team-b")))
                .build(),
            List.of("halted")),
        new Case(
            "a namespaced object written without a namespace lands in default, outside the limit",
            in(List.of(configMap("team-b", "", "stray", "1")))
                .options("team-b", new BundleOptions(true, false, true, List.of("team-b")))
                .build(),
            List.of("halted")),
        new Case(
            "a limited bundle's objects inside its namespaces, and those Namespaces, plan as usual",
            in(List.of(configMap("team-b", "team-b", "ok", "1"), namespace("team-b", "team-b")))
                .options("team-b", new BundleOptions(true, false, true, List.of("team-b")))
                .build(),
            List.of("apply+ Namespace team-b", "apply+ ConfigMap team-b/ok")),
        new Case(
            "two objects that are one once the namespace is resolved halt the cluster",
            in(List.of(
                    configMap("payments", "", "same", "1"),
                    configMap("baseline", "default", "same", "2")))
                .build(),
            List.of("halted")),
        new Case(
            "a namespaced object written without a namespace is the one in default",
            in(List.of(configMap("payments", "", "plain", "1")))
                .inventory(recorded(configMap("payments", "default", "plain", "1")))
                .build(),
            List.of("skip ConfigMap default/plain")),
        new Case(
            "objects apply in dependency order",
            in(List.of(deploy, mover, configMap("payments", "payments", "a", "1"), ns, crd))
                .selected("baseline", "payments", "platform")
                .build(),
            List.of(
                "apply+ " + ref(crd),
                "apply+ " + ref(ns),
                "apply+ ConfigMap payments/a",
                "apply+ " + ref(mover),
                "apply+ " + ref(deploy))),
        new Case(
            "an object recorded under two bundles is adopted by the one that declares it",
            in(List.of(mover)).inventory(recorded(mover), recorded(moverInBaseline)).build(),
            List.of("adopt " + ref(mover) + " from baseline")),
        new Case(
            "a kind the cluster does not serve keeps its namespace as written and is not pruned",
            in(List.of(custom("payments", "unknown.example.com/v1", "Gadget", "", "g")))
                .inventory(
                    recorded(
                        custom("payments", "unknown.example.com/v1", "Gadget", "default", "g")))
                .build(),
            List.of("apply+ Gadget g")),
        new Case(
            "a changed object recorded under another bundle is adopted with its new content",
            in(List.of(configMap("baseline", "payments", "mover", "v2")))
                .inventory(recorded(mover))
                .build(),
            List.of("adopt " + ref(mover) + " from payments")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(Case c) {
    SyncPlan plan = SyncPlanner.plan(c.input());

    List<String> got = new ArrayList<>();
    plan.halted().ifPresent(reason -> got.add("halted"));
    plan.steps().forEach(step -> got.add(describe(step)));
    assertThat(got).as(c.name()).containsExactlyElementsOf(c.want());
  }

  @Test
  void pruneCandidatesAreWhatNoBundleDeclaresAndMayBePruned() {
    var kept = configMap("payments", "payments", "kept", "1");
    var removed = configMap("payments", "payments", "removed", "1");
    var denied = configMap("billing", "billing", "removed", "1");
    var noPrune = configMap("legacy", "legacy", "removed", "1");
    var input =
        in(List.of(kept, configMap("billing", "billing", "other", "1")))
            .selected("payments", "billing", "legacy")
            .denied("billing")
            .options("legacy", new BundleOptions(false, false, true))
            .inventory(recorded(kept), recorded(removed), recorded(denied), recorded(noPrune))
            .build();

    assertThat(SyncPlanner.pruneCandidates(input))
        .extracting(e -> e.ref().toString())
        .containsExactly("ConfigMap payments/removed");
  }

  @Test
  void theContentHashIsStableAndIgnoresAnEarlierHashAnnotation() {
    var object = configMap("payments", "payments", "mover", "v1");
    DesiredObject once = DesiredObjects.of(object, SCOPES);
    DesiredObject again = DesiredObjects.of(object, SCOPES);

    assertThat(once.hash()).isEqualTo(again.hash()).hasSize(64);
    assertThat(once.toString()).doesNotContain("v1").contains("ConfigMap payments/mover");
  }

  @Test
  void aPlanSplitsIntoItsApplySideAndItsPruneSide() {
    var quota = configMap("baseline", "payments", "quota", "1");
    var mover = configMap("payments", "payments", "mover", "v1");
    SyncPlan plan =
        SyncPlanner.plan(
            in(List.of(quota)).inventory(recorded(mover)).live(mover, owned("payments")).build());

    assertThat(plan.applySide()).hasSize(1).allMatch(s -> s instanceof Step.Apply);
    assertThat(plan.pruneSide()).hasSize(1).allMatch(s -> s instanceof Step.Prune);
    assertThat(plan.count(Step.Prune.class)).isEqualTo(1);
  }

  // ------------------------------------------------------------------ the table's vocabulary

  static String describe(Step step) {
    return switch (step) {
      case Step.Apply a -> (a.create() ? "apply+ " : "apply~ ") + a.ref();
      case Step.Adopt a -> "adopt " + a.ref() + " from " + a.from().bundle();
      case Step.Skip s -> "skip " + s.ref();
      case Step.CheckDrift c -> (c.heal() ? "check+heal " : "check ") + c.ref();
      case Step.Blocked b -> "blocked " + b.ref();
      case Step.Prune p -> "prune " + p.ref();
      case Step.Release r -> "release " + r.ref() + " " + r.reason();
      case Step.Retain r -> "retain " + r.ref() + " " + r.reason();
    };
  }

  private static String ref(RenderedObject object) {
    return DesiredObjects.of(object, SCOPES).ref().toString();
  }

  private static InventoryEntry recorded(RenderedObject object) {
    DesiredObject d = DesiredObjects.of(object, withCrds(object));
    return new InventoryEntry(object.bundle(), d.ref(), d.apiVersion(), d.hash(), d.source());
  }

  private static Map<GroupKind, KindScope> withCrds(RenderedObject object) {
    Map<GroupKind, KindScope> scopes = new LinkedHashMap<>(SCOPES);
    scopes.put(new GroupKind("example.com", "Widget"), KindScope.NAMESPACED);
    scopes.put(new GroupKind("example.com", "Fleet"), KindScope.CLUSTER);
    return scopes;
  }

  private static LiveFacts definition(String bundle, String group, String kind) {
    return new LiveFacts(true, bundle, false, "uid-2", new GroupKind(group, kind));
  }

  private static LiveFacts owned(String bundle) {
    return LiveFacts.ownedBy(bundle, "uid-1");
  }

  private static RenderedObject configMap(String bundle, String namespace, String name, String v) {
    return object(bundle, "v1", "ConfigMap", namespace, name, Map.of("data", Map.of("value", v)));
  }

  private static RenderedObject secret(String bundle, String namespace, String name) {
    return object(bundle, "v1", "Secret", namespace, name, Map.of("type", "Opaque"));
  }

  private static RenderedObject namespace(String bundle, String name) {
    return object(bundle, "v1", "Namespace", "", name, Map.of());
  }

  private static RenderedObject deployment(String bundle, String namespace, String name) {
    return object(bundle, "apps/v1", "Deployment", namespace, name, Map.of("spec", Map.of()));
  }

  private static RenderedObject custom(
      String bundle, String apiVersion, String kind, String namespace, String name) {
    return object(bundle, apiVersion, kind, namespace, name, Map.of());
  }

  private static RenderedObject crd(
      String bundle, String name, String group, String kind, String scope) {
    return object(
        bundle,
        "apiextensions.k8s.io/v1",
        "CustomResourceDefinition",
        "",
        name,
        Map.of("spec", Map.of("group", group, "scope", scope, "names", Map.of("kind", kind))));
  }

  private static RenderedObject object(
      String bundle,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      Map<String, Object> rest) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("apiVersion", apiVersion);
    content.put("kind", kind);
    content.put("metadata", metadata);
    content.putAll(rest);
    return new RenderedObject(
        new ObjectRef(ObjectRef.groupOf(apiVersion), kind, namespace, name),
        bundle,
        content,
        SourceLocation.file(bundle + "/" + name + ".yaml"));
  }

  private static Builder in(List<RenderedObject> rendered) {
    return new Builder(rendered);
  }

  /** Builds a {@link PlanInput}: selected bundles default to those rendered. */
  private static final class Builder {
    private final List<RenderedObject> rendered;
    private List<String> selected;
    private Set<String> denied = Set.of();
    private final Map<String, BundleOptions> options = new LinkedHashMap<>();
    private Map<GroupKind, KindScope> scopes = SCOPES;
    private List<InventoryEntry> inventory = List.of();
    private final Map<ObjectRef, LiveFacts> live = new LinkedHashMap<>();
    private boolean fullCheck;

    Builder(List<RenderedObject> rendered) {
      this.rendered = rendered;
      this.selected = rendered.stream().map(RenderedObject::bundle).distinct().toList();
    }

    Builder selected(String... bundles) {
      selected = List.of(bundles);
      return this;
    }

    Builder denied(String... bundles) {
      denied = Set.of(bundles);
      return this;
    }

    Builder options(String bundle, BundleOptions o) {
      options.put(bundle, o);
      return this;
    }

    Builder scopes(Map<GroupKind, KindScope> s) {
      Map<GroupKind, KindScope> merged = new LinkedHashMap<>(SCOPES);
      merged.putAll(s);
      scopes = merged;
      return this;
    }

    Builder inventory(InventoryEntry... entries) {
      inventory = List.of(entries);
      return this;
    }

    Builder live(RenderedObject object, LiveFacts facts) {
      live.put(recorded(object).ref(), facts);
      return this;
    }

    Builder fullCheck() {
      fullCheck = true;
      return this;
    }

    PlanInput build() {
      return new PlanInput(rendered, selected, denied, options, scopes, inventory, live, fullCheck);
    }
  }
}
