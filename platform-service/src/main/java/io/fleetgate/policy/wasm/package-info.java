/**
 * Evaluates the policy bundle in process on the Chicory runtime, from a pool of policy instances:
 * the built-in bundle from the Java bytecode its Wasm module was compiled to when Fleetgate was
 * built, any other bundle through the OPA Java SDK for Wasm, which compiles it when it is loaded.
 */
package io.fleetgate.policy.wasm;
