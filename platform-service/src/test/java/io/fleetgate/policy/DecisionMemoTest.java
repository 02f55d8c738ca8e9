package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionMemoTest {

  private static InputDigest digest(int n) {
    return new InputDigest(n, 0, 0, 0);
  }

  @Test
  void holdsNoMoreThanTwoGenerations() {
    DecisionMemo<String> memo = new DecisionMemo<>(10);
    for (int i = 0; i < 1_000; i++) {
      memo.put(digest(i), "d" + i);
    }
    assertThat(memo.size()).isLessThanOrEqualTo(21);
    assertThat(memo.get(digest(999))).isEqualTo("d999");
    assertThat(memo.get(digest(0))).isNull();
  }

  @Test
  void keepsWhatWasUsedWithinTheLastCapacityLookups() {
    DecisionMemo<String> memo = new DecisionMemo<>(10);
    memo.put(digest(-1), "kept");
    for (int round = 0; round < 100; round++) {
      for (int i = 0; i < 9; i++) {
        memo.put(digest(round * 100 + i), "x");
      }
      assertThat(memo.get(digest(-1))).as("round %d", round).isEqualTo("kept");
    }
  }
}
