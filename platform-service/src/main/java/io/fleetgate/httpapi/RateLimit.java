package io.fleetgate.httpapi;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per key (e.g. per webhook sender), refilled continuously. */
final class RateLimit {

  private final double perSecond;
  private final double burst;
  private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();

  RateLimit(double perSecond, double burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  boolean allow(String key) {
    if (buckets.size() > 10_000) {
      buckets.clear();
    }
    long now = System.nanoTime();
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    synchronized (bucket) {
      bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
      bucket[1] = now;
      if (bucket[0] < 1) {
        return false;
      }
      bucket[0] -= 1;
      return true;
    }
  }
}
