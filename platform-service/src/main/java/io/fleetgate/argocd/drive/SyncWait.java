package io.fleetgate.argocd.drive;

import java.time.Duration;

/**
 * How long the driver waits for one Application's sync, and how often it asks.
 *
 * @param timeout past it, the bundle's objects fail with the reason
 * @param poll the pause between two reads of the Application
 * @param settle after a sync succeeded, how long Argo CD may take to compare the live state again:
 *     until it reports Synced or this time has passed, its sync status is that of its comparison
 *     from before the sync
 */
record SyncWait(Duration timeout, Duration poll, Duration settle) {

  static final SyncWait DEFAULT =
      new SyncWait(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(20));
}
