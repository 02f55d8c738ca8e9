package io.fleetgate.plan;

/**
 * What the cluster holds for one prune candidate, read just before planning.
 *
 * @param exists whether the object is there at all
 * @param bundle the value of its {@code fleetgate.io/bundle} label, "" when absent
 * @param pruneDisabled whether it carries {@code fleetgate.io/prune: disabled}
 * @param uid its uid, "" when it does not exist
 * @param defines for a CustomResourceDefinition, the kind it defines ({@code spec.group}, {@code
 *     spec.names.kind}); null for anything else
 */
public record LiveFacts(
    boolean exists, String bundle, boolean pruneDisabled, String uid, GroupKind defines) {

  public LiveFacts(boolean exists, String bundle, boolean pruneDisabled, String uid) {
    this(exists, bundle, pruneDisabled, uid, null);
  }

  public static LiveFacts gone() {
    return new LiveFacts(false, "", false, "");
  }

  public static LiveFacts ownedBy(String bundle, String uid) {
    return new LiveFacts(true, bundle, false, uid);
  }
}
