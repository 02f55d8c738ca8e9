/**
 * The policy view: findings by control, cluster and severity with the source file and line of each,
 * and the repository's waivers with their owners and expiry.
 */
package io.fleetgate.console.policy;
