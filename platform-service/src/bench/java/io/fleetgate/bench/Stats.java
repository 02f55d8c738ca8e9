package io.fleetgate.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a set of durations in nanoseconds. */
record Stats(long[] sorted) {

  static Stats of(List<Long> nanos) {
    long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(values);
    return new Stats(values);
  }

  static Stats of(long[] nanos) {
    long[] values = nanos.clone();
    Arrays.sort(values);
    return new Stats(values);
  }

  long percentile(double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  double meanMillis() {
    return Arrays.stream(sorted).average().orElse(0) / 1e6;
  }

  double p50Millis() {
    return percentile(50) / 1e6;
  }

  double p99Millis() {
    return percentile(99) / 1e6;
  }

  double p50Micros() {
    return percentile(50) / 1e3;
  }

  double p99Micros() {
    return percentile(99) / 1e3;
  }
}
