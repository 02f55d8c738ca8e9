package io.fleetgate.kube;

import java.time.Duration;

/**
 * A token bucket: at most {@code burst} requests at once, refilled at {@code qps} per second — the
 * client-side limit every cluster's API client observes, so that a large sync cannot flood one API
 * server. Thread-safe; callers wait (on a virtual thread, cheaply) for their turn.
 */
public final class RateLimiter {

  private final double qps;
  private final double burst;
  private final Clock clock;
  private double tokens;
  private long last;

  /** The time source, in nanoseconds; replaced in tests. */
  interface Clock {
    long nanos();

    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Clock SYSTEM =
      new Clock() {
        @Override
        public long nanos() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          Thread.sleep(duration);
        }
      };

  public RateLimiter(double qps, int burst) {
    this(qps, burst, SYSTEM);
  }

  RateLimiter(double qps, int burst, Clock clock) {
    if (qps <= 0 || burst < 1) {
      throw new IllegalArgumentException("QPS must be positive and burst at least 1");
    }
    this.qps = qps;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.nanos();
  }

  /** Waits until a request may be sent. */
  public void acquire() throws InterruptedException {
    Duration wait;
    synchronized (this) {
      long now = clock.nanos();
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * qps);
      last = now;
      tokens -= 1;
      wait = tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / qps * 1e9));
    }
    if (!wait.isZero()) {
      clock.sleep(wait);
    }
  }
}
