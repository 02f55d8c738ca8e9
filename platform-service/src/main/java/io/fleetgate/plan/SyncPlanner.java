package io.fleetgate.plan;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.InventoryEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one cluster's sync from its whole desired state. The rule that matters most: an object is a
 * prune candidate only when the inventory holds it and <em>no</em> bundle of the cluster's render
 * declares it — moving an object between bundles, or into the cluster overlay, adopts it.
 *
 * <p>Use: {@code prepare(input)}, read the live state of {@link Prepared#candidates()}, then {@link
 * Prepared#plan(Map)}. Every declared object is resolved and hashed once.
 */
public final class SyncPlanner {

  private static final Comparator<Step> APPLY_ORDER =
      Comparator.comparing(Step::ref, ApplyOrder.APPLY);
  private static final Comparator<InventoryEntry> PRUNE_ORDER =
      Comparator.comparing(InventoryEntry::ref, ApplyOrder.PRUNE)
          .thenComparing(InventoryEntry::bundle);

  private SyncPlanner() {}

  /** Resolves and hashes what the input declares, once. */
  public static Prepared prepare(PlanInput input) {
    return new Prepared(input, Declared.of(input));
  }

  /** The plan from an input that already holds the live state of its candidates. */
  public static SyncPlan plan(PlanInput input) {
    return prepare(input).plan(input.live());
  }

  /** The candidates of an input; see {@link Prepared#candidates()}. */
  public static List<InventoryEntry> pruneCandidates(PlanInput input) {
    return prepare(input).candidates();
  }

  /** An input whose declared objects are resolved: ready to name its candidates and to plan. */
  public static final class Prepared {
    private final PlanInput input;
    private final Declared declared;

    private Prepared(PlanInput input, Declared declared) {
      this.input = input;
      this.declared = declared;
    }

    /**
     * The inventory entries whose live state decides the plan: those no bundle declares any more
     * and whose bundle may prune. Read them ({@link LiveFacts}) and pass them to {@link #plan}.
     */
    public List<InventoryEntry> candidates() {
      return input.inventory().stream()
          .filter(e -> !declared.declares(e.ref()))
          .filter(e -> retention(e, input, declared).isEmpty())
          .sorted(PRUNE_ORDER)
          .toList();
    }

    /** The plan; see the package documentation for the rules and {@link Step} for the steps. */
    public SyncPlan plan(Map<ObjectRef, LiveFacts> live) {
      if (input.rendered().isEmpty() && !input.inventory().isEmpty()) {
        return SyncPlan.halt(
            "the render declares no objects for the cluster while "
                + input.inventory().size()
                + " applied object(s) are recorded; an empty render is never applied or pruned");
      }
      if (declared.clash != null) {
        return SyncPlan.halt(declared.clash);
      }
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
      steps.addAll(pruneSide(live));
      return SyncPlan.of(steps);
    }

    /**
     * What happens to each undeclared entry, in prune order. Namespaces and CRDs are decided last:
     * one that a declared or kept object still lives in (or is of) is never deleted, since deleting
     * it would delete them.
     */
    private List<Step> pruneSide(Map<ObjectRef, LiveFacts> live) {
      List<InventoryEntry> undeclared =
          input.inventory().stream()
              .filter(e -> !declared.declares(e.ref()))
              .sorted(PRUNE_ORDER)
              .toList();
      Map<InventoryEntry, Step> decided = new IdentityHashMap<>();
      Set<String> keptNamespaces = new HashSet<>(declared.namespaces);
      Set<GroupKind> keptKinds = new HashSet<>(declared.kinds);
      for (InventoryEntry entry : undeclared) {
        if (isNamespace(entry.ref()) || isDefinition(entry.ref())) {
          continue;
        }
        Step step = pruneStep(entry, live);
        decided.put(entry, step);
        if (!(step instanceof Step.Prune) && !isGone(step)) {
          keptNamespaces.add(entry.ref().namespace());
          keptKinds.add(GroupKind.of(entry.ref()));
        }
      }
      List<Step> steps = new ArrayList<>(undeclared.size());
      for (InventoryEntry entry : undeclared) {
        Step step = decided.get(entry);
        if (step == null) {
          LiveFacts facts = live.get(entry.ref());
          if (isNamespace(entry.ref()) && keptNamespaces.contains(entry.ref().name())) {
            step = new Step.Retain(entry, Step.Reason.NAMESPACE_IN_USE);
          } else if (isDefinition(entry.ref())
              && facts != null
              && facts.defines() != null
              && keptKinds.contains(facts.defines())) {
            step = new Step.Retain(entry, Step.Reason.DEFINITION_IN_USE);
          } else {
            step = pruneStep(entry, live);
          }
        }
        steps.add(step);
      }
      return steps;
    }

    private Step pruneStep(InventoryEntry entry, Map<ObjectRef, LiveFacts> live) {
      Optional<Step.Reason> kept = retention(entry, input, declared);
      if (kept.isPresent()) {
        return new Step.Retain(entry, kept.get());
      }
      LiveFacts facts = live.get(entry.ref());
      if (facts == null) {
        return new Step.Retain(entry, Step.Reason.LIVE_STATE_UNKNOWN);
      }
      if (!facts.exists()) {
        return new Step.Release(entry, Step.Reason.ALREADY_GONE);
      }
      if (facts.pruneDisabled()) {
        return new Step.Release(entry, Step.Reason.PRUNE_DISABLED_BY_ANNOTATION);
      }
      if (!facts.bundle().equals(entry.bundle())) {
        return new Step.Release(entry, Step.Reason.OWNED_ELSEWHERE);
      }
      if (!input.denied().isEmpty()) {
        return new Step.Retain(entry, Step.Reason.POLICY_DENIED_ELSEWHERE);
      }
      if (declared.scopeUnknown) {
        return new Step.Retain(entry, Step.Reason.SCOPE_UNKNOWN);
      }
      if (isDefinition(entry.ref()) && facts.defines() == null) {
        // A CRD whose live definition could not be read: what it defines cannot be checked.
        return new Step.Retain(entry, Step.Reason.LIVE_STATE_UNKNOWN);
      }
      return new Step.Prune(entry);
    }
  }

  private static boolean isGone(Step step) {
    return step instanceof Step.Release r && r.reason() == Step.Reason.ALREADY_GONE;
  }

  private static boolean isNamespace(ObjectRef ref) {
    return ref.group().isEmpty() && ref.kind().equals("Namespace");
  }

  private static boolean isDefinition(ObjectRef ref) {
    return ref.group().equals("apiextensions.k8s.io")
        && ref.kind().equals("CustomResourceDefinition");
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
    return Optional.empty();
  }

  /** What the render declares, with identities resolved for the cluster. */
  private static final class Declared {
    private final Map<RenderedObject, DesiredObject> desired = new IdentityHashMap<>();
    private final Set<ObjectRef> refs = new HashSet<>();

    /** group/kind/name of objects whose kind's scope is unknown: matched in any namespace. */
    private final Set<List<String>> unplaced = new HashSet<>();

    private final Set<String> bundles = new HashSet<>();
    private final Set<String> namespaces = new HashSet<>();
    private final Set<GroupKind> kinds = new HashSet<>();
    private boolean scopeUnknown;

    /** Why two declared objects are one object in the cluster, if they are. */
    private String clash;

    static Declared of(PlanInput input) {
      Map<GroupKind, KindScope> scopes = new HashMap<>(DesiredObjects.definedBy(input.rendered()));
      scopes.putAll(input.scopes());
      Declared declared = new Declared();
      Map<ObjectRef, DesiredObject> byRef = new HashMap<>();
      for (RenderedObject object : input.rendered()) {
        DesiredObject d = DesiredObjects.of(object, scopes);
        declared.desired.put(object, d);
        DesiredObject same = byRef.putIfAbsent(d.ref(), d);
        if (same != null && declared.clash == null) {
          declared.clash =
              d.ref()
                  + " is declared twice once its namespace is resolved: at "
                  + same.source()
                  + " (bundle "
                  + same.bundle()
                  + ") and at "
                  + d.source()
                  + " (bundle "
                  + d.bundle()
                  + "); keep one";
        }
        List<String> allowed = input.optionsOf(object.bundle()).namespaces();
        // A limited bundle may declare its own Namespaces, and nothing else outside them.
        String place = isNamespace(d.ref()) ? d.ref().name() : d.ref().namespace();
        if (!allowed.isEmpty()
            && !allowed.contains(place)
            && declared.clash == null
            && !input.denied().contains(object.bundle())) {
          declared.clash =
              d.ref()
                  + " at "
                  + d.source()
                  + (d.ref().namespace().isEmpty()
                      ? " is cluster-scoped"
                      : " is in namespace " + d.ref().namespace())
                  + ", but bundle "
                  + object.bundle()
                  + " may only touch "
                  + allowed
                  + "; move it to a bundle without a namespace limit";
        }
        declared.refs.add(d.ref());
        declared.bundles.add(object.bundle());
        declared.kinds.add(GroupKind.of(d.ref()));
        if (!d.ref().namespace().isEmpty()) {
          declared.namespaces.add(d.ref().namespace());
        }
        if (!scopes.containsKey(GroupKind.of(d.ref()))) {
          declared.scopeUnknown = true;
          declared.unplaced.add(List.of(d.ref().group(), d.ref().kind(), d.ref().name()));
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
  }
}
