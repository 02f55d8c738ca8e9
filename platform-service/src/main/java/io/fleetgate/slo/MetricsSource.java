package io.fleetgate.slo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The port to one cluster's Prometheus (or a global one): instant queries. Adapters bound every
 * call in time and size, and answer {@link Answer.Failed} instead of throwing.
 */
public interface MetricsSource {

  /** An instant query's answer. */
  Answer query(String promql, Instant at);

  /** What an instant query gave. */
  sealed interface Answer {

    /** The samples of a vector result (none when nothing matched). */
    record Samples(List<Sample> samples) implements Answer {
      public Samples {
        samples = List.copyOf(samples);
      }
    }

    /** Why there is no answer: unreachable, too slow, refused, unreadable. */
    record Failed(String reason) implements Answer {}
  }

  /** One series of a vector result. */
  record Sample(Map<String, String> labels, double value) {
    public Sample {
      labels = Map.copyOf(labels);
    }
  }
}
