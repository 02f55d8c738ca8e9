package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecisionMemoTest {

  private static InputDigest digest(int n) {
    return new InputDigest(n, 0, 0, 0);
  }

  @Test
  void aSlotAnswersOnlyForTheInputItsDecisionWasMadeFor() {
    DecisionMemo<String> memo = new DecisionMemo<>(10);
    memo.put(1, digest(1), "first");

    assertThat(memo.get(1, digest(1))).isEqualTo("first");
    assertThat(memo.get(1, digest(2))).isNull();
    assertThat(memo.get(2, digest(1))).isNull();

    memo.put(1, digest(2), "changed");
    assertThat(memo.get(1, digest(2))).isEqualTo("changed");
    assertThat(memo.get(1, digest(1))).as("the slot holds the latest input only").isNull();
    assertThat(memo.size()).isEqualTo(1);
  }

  @Test
  void holdsNoMoreThanTwoGenerations() {
    DecisionMemo<String> memo = new DecisionMemo<>(10);
    for (int i = 0; i < 1_000; i++) {
      memo.put(i, digest(i), "d" + i);
    }
    assertThat(memo.size()).isLessThanOrEqualTo(21);
    assertThat(memo.get(999, digest(999))).isEqualTo("d999");
    assertThat(memo.get(0, digest(0))).isNull();
  }

  @Test
  void keepsWhatWasUsedWithinTheLastCapacityLookups() {
    DecisionMemo<String> memo = new DecisionMemo<>(10);
    memo.put(-1, digest(-1), "kept");
    for (int round = 0; round < 100; round++) {
      for (int i = 0; i < 9; i++) {
        memo.put(round * 100 + i, digest(i), "x");
      }
      assertThat(memo.get(-1, digest(-1))).as("round %d", round).isEqualTo("kept");
    }
  }

  @Test
  void manyThreadsNeverSeeAnotherInputsDecision() throws Exception {
    DecisionMemo<Integer> memo = new DecisionMemo<>(64);
    AtomicInteger wrong = new AtomicInteger();
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      java.util.List<Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 50_000; i++) {
                    int slot = (i * 31 + seed) % 200;
                    int input = (i + seed) % 3;
                    Integer known = memo.get(slot, digest(slot * 10 + input));
                    if (known != null && known != slot * 10 + input) {
                      wrong.incrementAndGet();
                    }
                    memo.put(slot, digest(slot * 10 + input), slot * 10 + input);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(wrong).hasValue(0);
    assertThat(memo.size()).isLessThanOrEqualTo(129);
  }
}
