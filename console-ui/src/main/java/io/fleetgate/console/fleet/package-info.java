/** The fleet overview: every workload cluster with provider, region, phase and reachability. */
package io.fleetgate.console.fleet;
