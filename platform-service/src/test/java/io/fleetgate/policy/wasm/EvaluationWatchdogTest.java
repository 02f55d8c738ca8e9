package io.fleetgate.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationWatchdogTest {

  private static void workDeafToInterrupts(Duration time) {
    long until = System.nanoTime() + time.toNanos();
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
  }

  @Test
  void theInterruptItSentIsClearedWhenTheWatchEnds() {
    EvaluationWatchdog.Watch watch = EvaluationWatchdog.SHARED.start(Duration.ofMillis(20));
    workDeafToInterrupts(Duration.ofMillis(300));
    watch.close();

    assertThat(watch.stopped()).isTrue();
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void aCutThatArrivedBeforeTheWatchdogStoppedTheEvaluationIsKept() {
    EvaluationWatchdog.Watch watch = EvaluationWatchdog.SHARED.start(Duration.ofMillis(100));
    // The reconcile is cut off while its evaluation is in a host builtin that ignores interrupts.
    Thread.currentThread().interrupt();
    workDeafToInterrupts(Duration.ofMillis(100 + 4 * EvaluationWatchdog.TICK.toMillis()));
    watch.close();

    assertThat(watch.stopped()).isTrue();
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void anEvaluationThatEndsInTimeKeepsAnInterruptFromElsewhere() {
    EvaluationWatchdog.Watch watch = EvaluationWatchdog.SHARED.start(Duration.ofSeconds(10));
    Thread.currentThread().interrupt();
    watch.close();

    assertThat(watch.stopped()).isFalse();
    assertThat(Thread.interrupted()).isTrue();
  }
}
