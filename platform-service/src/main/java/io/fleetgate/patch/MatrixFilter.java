package io.fleetgate.patch;

import java.util.Locale;

/**
 * Which clusters a matrix shows.
 *
 * @param clusterContains a substring of {@code namespace/name}, case-insensitive; null for all
 * @param behindOnly only clusters not known to be up to date ({@link ClusterPatchState#behind})
 */
public record MatrixFilter(String clusterContains, boolean behindOnly) {

  public static final MatrixFilter ALL = new MatrixFilter(null, false);

  boolean shows(ClusterPatchState cluster) {
    boolean named =
        clusterContains == null
            || cluster
                .cluster()
                .toLowerCase(Locale.ROOT)
                .contains(clusterContains.toLowerCase(Locale.ROOT));
    return named && (!behindOnly || cluster.behind());
  }
}
