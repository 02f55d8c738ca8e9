package io.fleetgate.argocd.register;

import java.util.List;
import java.util.Optional;

/**
 * What the plan does about one cluster's registration: a closed vocabulary, one per line of the
 * plan. Each names the cluster and, where one exists, the Secret; none carries a credential in its
 * printout.
 */
public sealed interface Registration extends Comparable<Registration> {

  ClusterId cluster();

  /** The outcome in one word: created, updated, deleted, unchanged, kept or conflict. */
  Outcome outcome();

  /** Whether the cluster could not be registered as it is now: kept as it was, or in conflict. */
  default boolean notRegistered() {
    return switch (outcome()) {
      case KEPT, CONFLICT -> true;
      case CREATED, UPDATED, UNCHANGED, DELETED -> false;
    };
  }

  @Override
  default int compareTo(Registration other) {
    return cluster().compareTo(other.cluster());
  }

  /** The closed set of outcomes, as the plan prints them. */
  enum Outcome {
    CREATED,
    UPDATED,
    DELETED,
    UNCHANGED,
    KEPT,
    CONFLICT;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A cluster not registered yet: its Secret is created. */
  record Create(ClusterId cluster, DesiredSecret secret, List<String> labelsNotCopied)
      implements Registration {
    public Create {
      labelsNotCopied = List.copyOf(labelsNotCopied);
    }

    @Override
    public Outcome outcome() {
      return Outcome.CREATED;
    }
  }

  /**
   * A registration whose content differs: the Secret is written again.
   *
   * @param changed the fields that differ ({@code server}, {@code config.bearerToken}, {@code
   *     labels}, …), never their values
   */
  record Update(
      ClusterId cluster,
      ClusterSecret existing,
      DesiredSecret secret,
      List<String> changed,
      List<String> labelsNotCopied)
      implements Registration {
    public Update {
      changed = List.copyOf(changed);
      labelsNotCopied = List.copyOf(labelsNotCopied);
    }

    @Override
    public Outcome outcome() {
      return Outcome.UPDATED;
    }
  }

  /** A registration that is as it should be. */
  record Unchanged(ClusterId cluster, ClusterSecret existing) implements Registration {
    @Override
    public Outcome outcome() {
      return Outcome.UNCHANGED;
    }
  }

  /** A Secret Fleetgate made that is no longer wanted: deleted, if it is still the one read. */
  record Delete(ClusterId cluster, ClusterSecret existing, Why why) implements Registration {
    @Override
    public Outcome outcome() {
      return Outcome.DELETED;
    }

    /** Why a Secret goes. */
    public enum Why {
      /** Its CAPI Cluster no longer exists in the management cluster. */
      CLUSTER_GONE,
      /** Another Secret Fleetgate made registers the same cluster. */
      DUPLICATE
    }
  }

  /**
   * A cluster that cannot be registered now (its kubeconfig Secret cannot be read, or its
   * kubeconfig is refused): its existing registration, if any, is kept as it is.
   *
   * @param reason why, naming the source and the field, never a value
   */
  record Kept(ClusterId cluster, Optional<ClusterSecret> existing, String reason)
      implements Registration {
    @Override
    public Outcome outcome() {
      return Outcome.KEPT;
    }
  }

  /**
   * A cluster whose server another registration holds already: a Secret Fleetgate did not make, or
   * another CAPI Cluster's. Fleetgate registers no second one and leaves its own, if any, as it is.
   *
   * @param holder who registers the server: {@code Secret <name>} or {@code Cluster <ns/name>}
   */
  record Conflict(ClusterId cluster, String server, String holder, Optional<ClusterSecret> own)
      implements Registration {
    @Override
    public Outcome outcome() {
      return Outcome.CONFLICT;
    }
  }
}
