/**
 * Benchmarks, run on demand with {@code bin/bench}, never as tests: each measures Fleetgate side by
 * side with a baseline in the same run and reports the ratio (see docs/benchmarks.md).
 */
package io.fleetgate.bench;
