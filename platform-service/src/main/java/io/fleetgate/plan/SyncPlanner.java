package io.fleetgate.plan;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.InventoryEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one cluster's sync from its whole desired state. The rule that matters most: an object is a
 * prune candidate only when the inventory holds it and <em>no</em> bundle of the cluster's render
 * declares it — moving an object between bundles, or into the cluster overlay, adopts it.
 */
public final class SyncPlanner {

  private static final Comparator<Step> APPLY_ORDER =
      Comparator.comparing(Step::ref, ApplyOrder.APPLY);
  private static final Comparator<InventoryEntry> PRUNE_ORDER =
      Comparator.comparing(InventoryEntry::ref, ApplyOrder.PRUNE)
          .thenComparing(InventoryEntry::bundle);

  private SyncPlanner() {}

  /**
   * The inventory entries whose live state decides the plan: those no bundle declares any more and
   * whose bundle may prune. Read them ({@link LiveFacts}) and pass them with {@link
   * PlanInput#withLive}.
   */
  public static List<InventoryEntry> pruneCandidates(PlanInput input) {
    Declared declared = Declared.of(input);
    return input.inventory().stream()
        .filter(e -> !declared.declares(e.ref()))
        .filter(e -> retention(e, input, declared).isEmpty())
        .sorted(PRUNE_ORDER)
        .toList();
  }

  /** The plan; see the package documentation for the rules and {@link Step} for the vocabulary. */
  public static SyncPlan plan(PlanInput input) {
    if (input.rendered().isEmpty() && !input.inventory().isEmpty()) {
      return SyncPlan.halt(
          "the render declares no objects for the cluster while "
              + input.inventory().size()
              + " applied object(s) are recorded; an empty render is never applied or pruned");
    }
    Declared declared = Declared.of(input);
    Map<ObjectRef, List<InventoryEntry>> recorded = new HashMap<>();
    for (InventoryEntry entry : input.inventory()) {
      recorded.computeIfAbsent(entry.ref(), r -> new ArrayList<>(1)).add(entry);
    }
    List<Step> applySide = new ArrayList<>(input.rendered().size());
    for (RenderedObject object : input.rendered()) {
      if (input.denied().contains(object.bundle())) {
        applySide.add(new Step.Blocked(object));
        continue;
      }
      DesiredObject desired = declared.desired(object);
      applySide.add(applyStep(desired, recorded.getOrDefault(desired.ref(), List.of()), input));
    }
    applySide.sort(APPLY_ORDER);
    List<Step> steps = new ArrayList<>(applySide);
    input.inventory().stream()
        .filter(e -> !declared.declares(e.ref()))
        .sorted(PRUNE_ORDER)
        .forEach(entry -> steps.add(pruneStep(entry, input, declared)));
    return SyncPlan.of(steps);
  }

  private static Step applyStep(
      DesiredObject desired, List<InventoryEntry> entries, PlanInput input) {
    InventoryEntry own = null;
    InventoryEntry other = null;
    for (InventoryEntry entry : entries) {
      if (entry.bundle().equals(desired.bundle())) {
        own = entry;
      } else if (other == null) {
        other = entry;
      }
    }
    BundleOptions options = input.optionsOf(desired.bundle());
    if (other != null) {
      return new Step.Adopt(desired, other, options.force());
    }
    if (own == null) {
      return new Step.Apply(desired, true, options.force());
    }
    if (!own.contentHash().equals(desired.hash())) {
      return new Step.Apply(desired, false, options.force());
    }
    if (input.fullCheck()) {
      return new Step.CheckDrift(desired, options.selfHeal(), options.force());
    }
    return new Step.Skip(desired);
  }

  private static Step pruneStep(InventoryEntry entry, PlanInput input, Declared declared) {
    Optional<Step.Reason> kept = retention(entry, input, declared);
    if (kept.isPresent()) {
      return new Step.Retain(entry, kept.get());
    }
    LiveFacts live = input.live().get(entry.ref());
    if (live == null) {
      return new Step.Retain(entry, Step.Reason.LIVE_STATE_UNKNOWN);
    }
    if (!live.exists()) {
      return new Step.Release(entry, Step.Reason.ALREADY_GONE);
    }
    if (live.pruneDisabled()) {
      return new Step.Release(entry, Step.Reason.PRUNE_DISABLED_BY_ANNOTATION);
    }
    if (!live.bundle().equals(entry.bundle())) {
      return new Step.Release(entry, Step.Reason.OWNED_ELSEWHERE);
    }
    return new Step.Prune(entry);
  }

  /** Why an undeclared entry is kept whatever the cluster holds, if it is. */
  private static Optional<Step.Reason> retention(
      InventoryEntry entry, PlanInput input, Declared declared) {
    if (input.denied().contains(entry.bundle())) {
      return Optional.of(Step.Reason.BUNDLE_DENIED);
    }
    if (!input.optionsOf(entry.bundle()).prune()) {
      return Optional.of(Step.Reason.BUNDLE_DOES_NOT_PRUNE);
    }
    if (input.selected().contains(entry.bundle()) && !declared.bundles.contains(entry.bundle())) {
      return Optional.of(Step.Reason.BUNDLE_RENDERED_NOTHING);
    }
    ObjectRef ref = entry.ref();
    if (ref.group().isEmpty()
        && ref.kind().equals("Namespace")
        && declared.namespaces.contains(ref.name())) {
      return Optional.of(Step.Reason.NAMESPACE_IN_USE);
    }
    if (ref.group().equals("apiextensions.k8s.io")
        && ref.kind().equals("CustomResourceDefinition")
        && declared.kindsByDefinitionName.contains(ref.name())) {
      return Optional.of(Step.Reason.DEFINITION_IN_USE);
    }
    return Optional.empty();
  }

  /** What the render declares, with identities resolved for the cluster. */
  private static final class Declared {
    private final Map<GroupKind, KindScope> scopes;
    private final Map<RenderedObject, DesiredObject> desired = new java.util.IdentityHashMap<>();
    private final Set<ObjectRef> refs = new HashSet<>();

    /** group/kind/name of objects whose kind's scope is unknown and that name no namespace. */
    private final Set<List<String>> unplaced = new HashSet<>();

    private final Set<String> bundles = new HashSet<>();
    private final Set<String> namespaces = new HashSet<>();

    /** {@code plural.group} of every custom kind declared, as CRDs are named. */
    private final Set<String> kindsByDefinitionName = new HashSet<>();

    private Declared(Map<GroupKind, KindScope> scopes) {
      this.scopes = scopes;
    }

    static Declared of(PlanInput input) {
      Map<GroupKind, KindScope> scopes = new HashMap<>(DesiredObjects.definedBy(input.rendered()));
      scopes.putAll(input.scopes());
      Declared declared = new Declared(scopes);
      Map<GroupKind, String> definitions = definitionNames(input.rendered());
      for (RenderedObject object : input.rendered()) {
        DesiredObject d = DesiredObjects.of(object, scopes);
        declared.desired.put(object, d);
        declared.refs.add(d.ref());
        declared.bundles.add(object.bundle());
        if (!d.ref().namespace().isEmpty()) {
          declared.namespaces.add(d.ref().namespace());
        } else if (!scopes.containsKey(GroupKind.of(d.ref()))) {
          declared.unplaced.add(List.of(d.ref().group(), d.ref().kind(), d.ref().name()));
        }
        String definition = definitions.get(GroupKind.of(d.ref()));
        if (definition != null) {
          declared.kindsByDefinitionName.add(definition);
        }
      }
      return declared;
    }

    DesiredObject desired(RenderedObject object) {
      return desired.get(object);
    }

    boolean declares(ObjectRef ref) {
      return refs.contains(ref) || unplaced.contains(List.of(ref.group(), ref.kind(), ref.name()));
    }

    /**
     * The CRD name ({@code plural.group}) of each custom kind, from the render's CRDs; kinds whose
     * CRD is not in the render are matched by the CRDs' conventional lower-case plural.
     */
    @SuppressWarnings("unchecked")
    private static Map<GroupKind, String> definitionNames(List<RenderedObject> rendered) {
      Map<GroupKind, String> names = new HashMap<>();
      for (RenderedObject object : rendered) {
        if (object.content().get("spec") instanceof Map<?, ?> spec
            && object.ref().kind().equals("CustomResourceDefinition")
            && spec.get("names") instanceof Map<?, ?> n
            && n.get("kind") != null
            && spec.get("group") != null) {
          names.put(
              new GroupKind(spec.get("group").toString(), n.get("kind").toString()),
              object.ref().name());
        }
      }
      for (RenderedObject object : rendered) {
        String group = object.ref().group();
        if (!group.contains(".") || group.endsWith(".k8s.io")) {
          continue;
        }
        names.putIfAbsent(
            GroupKind.of(object.ref()),
            object.ref().kind().toLowerCase(java.util.Locale.ROOT) + "s." + group);
      }
      return names;
    }
  }
}
