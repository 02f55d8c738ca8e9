package io.fleetgate.domain;

/** The label and annotations Fleetgate puts on every object it applies, and the one it obeys. */
public final class FleetgateMetadata {

  /** The bundle that owns the object in the cluster; only that bundle may prune it. */
  public static final String BUNDLE_LABEL = "fleetgate.io/bundle";

  /** Where in the config repository the object is declared ({@code path:line}). */
  public static final String SOURCE_ANNOTATION = "fleetgate.io/source";

  /** The hash of everything else Fleetgate sent; an equal hash means nothing changed in Git. */
  public static final String HASH_ANNOTATION = "fleetgate.io/content-hash";

  /** Set to {@code disabled} by anyone to keep an object that Git no longer declares. */
  public static final String PRUNE_ANNOTATION = "fleetgate.io/prune";

  private FleetgateMetadata() {}
}
