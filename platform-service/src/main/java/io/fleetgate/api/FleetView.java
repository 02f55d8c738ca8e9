package io.fleetgate.api;

/**
 * Reads the fleet as it is now. Implementations may block on the network: call off the UI thread.
 */
public interface FleetView {

  /** Discovers every workload cluster and probes each one; never throws for one bad cluster. */
  FleetSnapshot snapshot();
}
