/**
 * Evaluates the policy bundle in process: the compiled {@code policy.wasm} on the Chicory runtime
 * through the OPA Java SDK for Wasm, in compiler mode, from a pool of policy instances.
 */
package io.fleetgate.policy.wasm;
