package io.fleetgate.plan;

/**
 * How a bundle's objects are synced (fleet.yaml {@code spec.bundles[].syncOptions}).
 *
 * @param prune delete what the bundle no longer declares
 * @param selfHeal revert drift found by a full check
 * @param force take over fields another field manager owns
 */
public record BundleOptions(boolean prune, boolean selfHeal, boolean force) {

  /** What a bundle gets when fleet.yaml says nothing, and what a removed bundle is judged by. */
  public static final BundleOptions DEFAULTS = new BundleOptions(true, false, true);
}
