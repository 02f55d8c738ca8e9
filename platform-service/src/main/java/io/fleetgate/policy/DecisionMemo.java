package io.fleetgate.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions remembered by the digest of their input, bounded: two generations of at most {@code
 * capacity} entries each. A hit in the older generation moves into the newer; when the newer is
 * full, the older is dropped and the newer takes its place. Everything used within the last {@code
 * capacity} lookups therefore stays. Safe to use from many threads.
 */
final class DecisionMemo<V> {

  private final int capacity;
  private volatile Map<InputDigest, V> current = new ConcurrentHashMap<>();
  private volatile Map<InputDigest, V> previous = Map.of();

  DecisionMemo(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a memo holds at least one decision");
    }
    this.capacity = capacity;
  }

  /** The decision remembered for the input, or {@code null}. */
  V get(InputDigest input) {
    V value = current.get(input);
    if (value == null) {
      value = previous.get(input);
      if (value != null) {
        put(input, value);
      }
    }
    return value;
  }

  void put(InputDigest input, V value) {
    Map<InputDigest, V> generation = current;
    generation.put(input, value);
    if (generation.size() > capacity) {
      rotate(generation);
    }
  }

  /** How many decisions it holds, both generations. */
  int size() {
    return current.size() + previous.size();
  }

  private synchronized void rotate(Map<InputDigest, V> full) {
    if (current == full) {
      previous = full;
      current = new ConcurrentHashMap<>();
    }
  }
}
