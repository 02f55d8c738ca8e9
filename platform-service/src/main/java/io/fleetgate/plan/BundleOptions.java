package io.fleetgate.plan;

import java.util.List;

/**
 * How a bundle's objects are synced (fleet.yaml {@code spec.bundles[].sync}) and where they may go.
 *
 * @param prune delete what the bundle no longer declares
 * @param selfHeal revert drift found by a full check
 * @param force take over fields another field manager owns
 * @param namespaces the namespaces the bundle may touch; empty means any namespace and the cluster
 *     scope. A bundle limited to namespaces may declare no cluster-scoped object.
 */
public record BundleOptions(
    boolean prune, boolean selfHeal, boolean force, List<String> namespaces) {

  /**
   * What a bundle gets when fleet.yaml says nothing, and what a removed bundle is judged by unless
   * it was recorded not to prune.
   */
  public static final BundleOptions DEFAULTS = new BundleOptions(true, false, true);

  public BundleOptions {
    namespaces = List.copyOf(namespaces);
  }

  /** Options for a bundle that may touch any namespace. */
  public BundleOptions(boolean prune, boolean selfHeal, boolean force) {
    this(prune, selfHeal, force, List.of());
  }
}
