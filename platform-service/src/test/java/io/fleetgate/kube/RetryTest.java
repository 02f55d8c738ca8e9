package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest {

  @ParameterizedTest
  @CsvSource({
    "0, true",
    "429, true",
    "503, true",
    "504, true",
    "400, false",
    "404, false",
    "409, false",
    "422, false"
  })
  void retriesOnlyWhatTheServerAskedToRepeatOrFailedTransiently(int status, boolean retried) {
    assertThat(Retry.isTransient(status)).isEqualTo(retried);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 8})
  void backsOffExponentiallyWithJitterUpToFiveSeconds(int attempt) {
    long ceiling = Math.min(5_000, 100L << attempt);
    for (int i = 0; i < 50; i++) {
      assertThat(Retry.backoff(attempt, Duration.ZERO).toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void neverWaitsLessThanTheServersRetryAfter(int attempt) {
    assertThat(Retry.backoff(attempt, Duration.ofSeconds(3)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }
}
