package io.fleetgate.argocd.drive;

import java.time.Duration;

/**
 * How long the driver waits for one Application's sync, and how often it asks.
 *
 * @param timeout past it, the bundle's objects fail with the reason
 * @param poll the pause between two reads of the Application
 */
record SyncWait(Duration timeout, Duration poll) {

  static final SyncWait DEFAULT = new SyncWait(Duration.ofMinutes(10), Duration.ofMillis(500));
}
