/**
 * Compiles a fleet repository's own policies together with the built-in ones into a Wasm bundle
 * with the {@code opa} binary, mapping its errors back to the repository's files and lines.
 */
package io.fleetgate.policy.opa;
