package io.fleetgate.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest decision for each slot — one object of one bundle on one cluster, or one cluster's
 * change set — with the digest of the input it was made for. A lookup hits only when the input is
 * the same again, so the memo holds at most one decision per object of the fleet and never
 * thrashes, however many objects a sync judges.
 *
 * <p>Slots of objects and clusters that went away linger until the memo is full: then it keeps two
 * generations of at most {@code capacity} slots each — a hit in the older moves into the newer;
 * when the newer is full, the older is dropped. A slot used within the last {@code capacity}
 * lookups therefore stays. Safe to use from many threads; a race costs a miss, never a wrong
 * decision.
 */
final class DecisionMemo<V> {

  /** A decision and the input it was made for. */
  private record Entry<V>(InputDigest input, V decision) {}

  private final int capacity;
  private volatile Map<Long, Entry<V>> current = new ConcurrentHashMap<>();
  private volatile Map<Long, Entry<V>> previous = Map.of();

  DecisionMemo(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a memo holds at least one decision");
    }
    this.capacity = capacity;
  }

  /** The decision the slot holds for exactly this input, or {@code null}. */
  V get(long slot, InputDigest input) {
    Entry<V> entry = current.get(slot);
    if (entry == null) {
      entry = previous.get(slot);
      if (entry != null) {
        keep(slot, entry);
      }
    }
    return entry != null && entry.input().equals(input) ? entry.decision() : null;
  }

  /** Holds the decision in the slot, replacing what the slot held for another input. */
  void put(long slot, InputDigest input, V decision) {
    keep(slot, new Entry<>(input, decision));
  }

  /** How many slots it holds, both generations. */
  int size() {
    return current.size() + previous.size();
  }

  private void keep(long slot, Entry<V> entry) {
    Map<Long, Entry<V>> generation = current;
    generation.put(slot, entry);
    if (generation.size() > capacity) {
      rotate(generation);
    }
  }

  private synchronized void rotate(Map<Long, Entry<V>> full) {
    if (current == full) {
      previous = full;
      current = new ConcurrentHashMap<>();
    }
  }
}
