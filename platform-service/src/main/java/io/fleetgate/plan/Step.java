package io.fleetgate.plan;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.inventory.InventoryEntry;

/**
 * One thing a sync does, or deliberately does not do, to one object: the closed vocabulary of a
 * {@link SyncPlan}. Apply-side steps come first in apply order; prune-side steps follow, reversed.
 */
public sealed interface Step {

  ObjectRef ref();

  /** The bundle the step acts for. */
  String bundle();

  /** Where the object is (or was) declared. */
  String source();

  /** Whether the step belongs to the apply side (before any prune). */
  default boolean applySide() {
    return !(this instanceof Recorded);
  }

  /** A step about an object the render declares. */
  sealed interface Declared extends Step {
    DesiredObject object();

    default ObjectRef ref() {
      return object().ref();
    }

    default String bundle() {
      return object().bundle();
    }

    default String source() {
      return object().source();
    }
  }

  /** A step about an inventory entry no bundle declares any more. */
  sealed interface Recorded extends Step {
    InventoryEntry entry();

    default ObjectRef ref() {
      return entry().ref();
    }

    default String bundle() {
      return entry().bundle();
    }

    default String source() {
      return entry().source();
    }
  }

  /**
   * Create the object, or update it because its content in Git changed; {@code force} takes over
   * fields another field manager owns.
   */
  record Apply(DesiredObject object, boolean create, boolean force) implements Declared {}

  /**
   * The object moved from bundle {@code from} to this one (or into a cluster overlay): applied with
   * its new owner's label and moved in the inventory, never deleted and re-created.
   */
  record Adopt(DesiredObject object, InventoryEntry from, boolean force) implements Declared {}

  /** Unchanged since it was applied (same content hash); nothing is sent. */
  record Skip(DesiredObject object) implements Declared {}

  /**
   * Unchanged in Git; a full check compares it with the live object, reverting drift when {@code
   * heal}, reporting it otherwise.
   */
  record CheckDrift(DesiredObject object, boolean heal, boolean force) implements Declared {}

  /** Declared by a bundle that policy denied: left as the cluster has it. */
  record Blocked(RenderedObject object) implements Step {
    public ObjectRef ref() {
      return object.ref();
    }

    public String bundle() {
      return object.bundle();
    }

    public String source() {
      return object.source().toString();
    }
  }

  /** Applied by Fleetgate, declared by no bundle any more, still owned live: deleted. */
  record Prune(InventoryEntry entry) implements Recorded {}

  /** Not declared any more, and left in the cluster and forgotten for {@code reason}. */
  record Release(InventoryEntry entry, Reason reason) implements Recorded {}

  /** Not declared any more, and left in the cluster and in the inventory for {@code reason}. */
  record Retain(InventoryEntry entry, Reason reason) implements Recorded {}

  /** Why an object that Git no longer declares is not deleted. */
  enum Reason {
    /** It carries {@code fleetgate.io/prune: disabled}. */
    PRUNE_DISABLED_BY_ANNOTATION("left in place: fleetgate.io/prune: disabled"),
    /**
     * Its bundle's {@code sync.prune} is false, or was when fleet.yaml last declared the bundle.
     */
    BUNDLE_DOES_NOT_PRUNE("left in place: the bundle does not prune"),
    /** Its live {@code fleetgate.io/bundle} label names another bundle or none. */
    OWNED_ELSEWHERE("left in place: the live object belongs to another owner"),
    /** It was deleted from the cluster already. */
    ALREADY_GONE("already gone"),
    /** Its live state could not be read before planning. */
    LIVE_STATE_UNKNOWN("left in place: its live state could not be read"),
    /** An object of this sync failed to apply; prunes wait for a sync that applies everything. */
    APPLY_FAILED("left in place: prunes wait until every object applies"),
    /** Its bundle was denied by policy: nothing of a denied bundle is applied or pruned. */
    BUNDLE_DENIED("left in place: its bundle is denied by policy"),
    /** Its bundle selects the cluster but rendered no objects, which is never trusted. */
    BUNDLE_RENDERED_NOTHING("left in place: its bundle rendered no objects"),
    /** A Namespace that declared or kept objects live in; deleting it would delete them. */
    NAMESPACE_IN_USE("left in place: declared or kept objects live in this namespace"),
    /** A CustomResourceDefinition whose kind Git still declares, or that kept objects are of. */
    DEFINITION_IN_USE("left in place: objects of this kind are declared or kept"),
    /** A bundle of the cluster is denied: what it would have replaced must not go first. */
    POLICY_DENIED_ELSEWHERE("left in place: prunes wait while a bundle of this cluster is denied"),
    /** The cluster could not say how a declared kind is scoped, so identities are uncertain. */
    SCOPE_UNKNOWN("left in place: the cluster did not say how a declared kind is scoped");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }
}
