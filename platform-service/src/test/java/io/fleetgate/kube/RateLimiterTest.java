package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** A clock that only moves when the limiter sleeps. */
  private static final class FakeClock implements RateLimiter.Clock {
    long now;
    Duration slept = Duration.ZERO;

    @Override
    public long nanos() {
      return now;
    }

    @Override
    public void sleep(Duration duration) {
      slept = slept.plus(duration);
      now += duration.toNanos();
    }
  }

  @Test
  void letsABurstThroughAtOnce() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = new RateLimiter(10, 5, clock);

    for (int i = 0; i < 5; i++) {
      limiter.acquire();
    }

    assertThat(clock.slept).isZero();
  }

  @Test
  void thenPacesRequestsAtTheConfiguredRate() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = new RateLimiter(10, 5, clock);

    for (int i = 0; i < 25; i++) {
      limiter.acquire();
    }

    // 5 from the burst, 20 more at 10 per second.
    assertThat(clock.slept.toMillis()).isBetween(1_990L, 2_010L);
  }

  @Test
  void refillsWhileIdleButNeverBeyondTheBurst() throws Exception {
    FakeClock clock = new FakeClock();
    RateLimiter limiter = new RateLimiter(10, 5, clock);
    for (int i = 0; i < 5; i++) {
      limiter.acquire();
    }

    clock.now += Duration.ofMinutes(1).toNanos();
    for (int i = 0; i < 6; i++) {
      limiter.acquire();
    }

    assertThat(clock.slept.toMillis()).isBetween(90L, 110L);
  }
}
