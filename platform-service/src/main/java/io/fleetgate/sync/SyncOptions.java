package io.fleetgate.sync;

import java.util.Optional;

/**
 * @param cluster sync only this cluster, when present
 * @param dryRun validate on the servers (server-side dry run) without changing clusters or records
 */
public record SyncOptions(Optional<String> cluster, boolean dryRun) {

  public static SyncOptions all() {
    return new SyncOptions(Optional.empty(), false);
  }
}
