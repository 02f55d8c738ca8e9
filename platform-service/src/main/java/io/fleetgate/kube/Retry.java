package io.fleetgate.kube;

import io.kubernetes.client.common.KubernetesType;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries API calls the server asked to repeat (429 Too Many Requests, honouring its retry-after)
 * or failed transiently (500, 502, 503, 504, no answer), with exponential backoff and jitter.
 */
final class Retry {

  private static final Logger log = LoggerFactory.getLogger(Retry.class);
  private static final int ATTEMPTS = 5;
  private static final Duration BASE = Duration.ofMillis(100);
  private static final Duration CAP = Duration.ofSeconds(5);

  private Retry() {}

  static <T extends KubernetesType> KubernetesApiResponse<T> call(
      String action, Supplier<KubernetesApiResponse<T>> call) {
    KubernetesApiResponse<T> response = call.get();
    for (int attempt = 1;
        attempt < ATTEMPTS && isTransient(response.getHttpStatusCode());
        attempt++) {
      Duration wait = backoff(attempt, retryAfter(response));
      io.micrometer.core.instrument.Metrics.counter(
              "fleetgate.kube.retries", "status", Integer.toString(response.getHttpStatusCode()))
          .increment();
      log.debug(
          "{} answered HTTP {}; retrying in {} ms",
          action,
          response.getHttpStatusCode(),
          wait.toMillis());
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return response;
      }
      response = call.get();
    }
    return response;
  }

  static boolean isTransient(int status) {
    return status == 0
        || status == 429
        || status == 500
        || status == 502
        || status == 503
        || status == 504;
  }

  /** Exponential backoff with full jitter, at least the server's retry-after. */
  static Duration backoff(int attempt, Duration retryAfter) {
    long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt, 10));
    long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    return Duration.ofMillis(Math.max(jittered, retryAfter.toMillis()));
  }

  private static Duration retryAfter(KubernetesApiResponse<?> response) {
    var status = response.getStatus();
    if (status != null
        && status.getDetails() != null
        && status.getDetails().getRetryAfterSeconds() != null) {
      return Duration.ofSeconds(
          Math.min(status.getDetails().getRetryAfterSeconds(), CAP.toSeconds()));
    }
    return Duration.ZERO;
  }
}
