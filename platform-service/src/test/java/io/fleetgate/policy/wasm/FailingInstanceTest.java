package io.fleetgate.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the evaluator treats instances that fail in ways a real module only shows under attack: an
 * Error out of a host builtin, an evaluation stuck where the interrupt does not reach.
 */
class FailingInstanceTest {

  private static final String ALLOW = "[{\"result\":{\"deny\":[],\"warn\":[]}}]";
  private static final int POOL = Runtime.getRuntime().availableProcessors();

  private static WasmPolicyEvaluator.Instance instance(
      BiFunction<String, String, String> evaluate) {
    return new WasmPolicyEvaluator.Instance() {
      @Override
      public String evaluate(String entrypoint, String input) {
        return evaluate.apply(entrypoint, input);
      }

      @Override
      public Set<String> entrypoints() {
        return Set.of(WasmPolicyEvaluator.ENTRYPOINT, WasmPolicyEvaluator.CHANGESET_ENTRYPOINT);
      }
    };
  }

  private static PolicyInput input(String name) {
    RenderedObject object =
        new RenderedObject(
            new ObjectRef("", "ConfigMap", "apps", name),
            "apps",
            Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", name)),
            new SourceLocation("apps/" + name + ".yaml", 1));
    return new PolicyInput(
        object, new ClusterTarget("fleet", "c1", Map.of(), ClusterPhase.PROVISIONED), "abc");
  }

  @Test
  @Timeout(30)
  void anErrorOutOfAnEvaluationIsAPolicyFailureAndItsPermitComesBack() throws Exception {
    try (WasmPolicyEvaluator evaluator =
        WasmPolicyEvaluator.pooling(
            () ->
                instance(
                    (entrypoint, input) -> {
                      if (input.contains("\"huge\"")) {
                        throw new OutOfMemoryError("Java heap space");
                      }
                      return ALLOW;
                    }),
            Duration.ofSeconds(1))) {
      for (int i = 0; i < POOL + 2; i++) {
        assertThatThrownBy(() -> evaluator.evaluate(input("huge")))
            .isInstanceOf(PolicyException.class)
            .hasMessage("The Wasm policy failed: java.lang.OutOfMemoryError: Java heap space");
        assertThat(evaluator.idleInstances()).as("the failed instance is not reused").isZero();
      }
      assertThat(evaluator.evaluate(input("calm")).denials()).isEmpty();
    }
  }

  @Test
  @Timeout(30)
  void anEvaluationFindingNoFreeInstanceInTimeIsDenied() throws Exception {
    AtomicBoolean stuck = new AtomicBoolean(true);
    CountDownLatch holding = new CountDownLatch(POOL);
    try (WasmPolicyEvaluator evaluator =
        WasmPolicyEvaluator.pooling(
            () ->
                instance(
                    (entrypoint, input) -> {
                      if (input.contains("\"stuck\"")) {
                        holding.countDown();
                        // Deaf to the watchdog's interrupt, as work inside a host builtin is.
                        while (stuck.get()) {
                          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        }
                      }
                      return ALLOW;
                    }),
            Duration.ofMillis(200))) {
      List<Thread> holders = new ArrayList<>();
      for (int i = 0; i < POOL; i++) {
        holders.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        evaluator.evaluate(input("stuck"));
                      } catch (PolicyException e) {
                        // stopped past its deadline, as expected
                      }
                    }));
      }
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      long started = System.nanoTime();
      assertThatThrownBy(() -> evaluator.evaluate(input("calm")))
          .isInstanceOf(PolicyException.class)
          .hasMessage(
              "No Wasm policy instance came free within 1 s: every one is held by an evaluation"
                  + " that has not ended");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
      stuck.set(false);
      for (Thread holder : holders) {
        holder.join();
      }
      assertThat(evaluator.evaluate(input("calm")).denials()).isEmpty();
    }
  }
}
