package io.fleetgate.sync;

import java.util.Optional;

/**
 * @param cluster sync only this cluster, when present
 * @param dryRun validate on the servers (server-side dry run) without changing clusters or records
 * @param fullCheck also compare unchanged objects with their live state (drift detection), not only
 *     those whose content changed in Git
 */
public record SyncOptions(Optional<String> cluster, boolean dryRun, boolean fullCheck) {

  public static SyncOptions all() {
    return new SyncOptions(Optional.empty(), false, false);
  }

  /** Every cluster, with a full drift check. */
  public static SyncOptions fullCheckOfAll() {
    return new SyncOptions(Optional.empty(), false, true);
  }

  /** A preview of one cluster: nothing written, every object compared with the live one. */
  public static SyncOptions previewOf(String cluster) {
    return new SyncOptions(Optional.of(cluster), true, true);
  }
}
