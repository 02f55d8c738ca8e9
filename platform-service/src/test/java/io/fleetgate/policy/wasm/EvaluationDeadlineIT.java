package io.fleetgate.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.GateResult;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.policy.PolicyInput;
import io.fleetgate.policy.RepoPolicies;
import io.fleetgate.policy.opa.OpaLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet's own policy that never finishes — compiled by the real {@code opa build} with the
 * built-in ones and run on Chicory — is stopped at the evaluation deadline, and the object denied.
 */
class EvaluationDeadlineIT {

  private static final ClusterTarget CLUSTER =
      new ClusterTarget("fleet", "beijing-prod", Map.of(), ClusterPhase.PROVISIONED);

  /**
   * For an object named {@code loop}, tries every 4-tuple of the characters of its input: about
   * 10^10 iterations that allocate nothing, hours of work. For one named {@code explode}, collects
   * them all: memory without end, stopped by the deadline or by the instance's memory limit. Every
   * other object passes at once.
   */
  private static final String EXPLODING =
      """
      package fleetgate.custom.explode

      deny contains "never" if {
        input.object.metadata.name == "loop"
        chars := split(json.marshal(input), "")
        some a in chars
        some b in chars
        some c in chars
        some d in chars
        d == "never"
      }

      deny contains msg if {
        input.object.metadata.name == "explode"
        chars := split(json.marshal(input), "")
        n := count([1 | some a in chars; some b in chars; some c in chars; some d in chars])
        msg := sprintf("counted %d", [n])
      }
      """;

  /**
   * Work done inside a host builtin ({@code sprintf}, run in Java) is out of the interrupt's reach:
   * a width of 900 million characters formats for seconds, one of 2 billion runs the heap out.
   */
  private static final String WIDE =
      """
      package fleetgate.custom.wide

      deny contains msg if {
        input.object.metadata.name == "wide"
        msg := sprintf("%0900000000d", [1])
      }

      deny contains msg if {
        input.object.metadata.name == "huge"
        msg := sprintf("%02140000000d", [1])
      }
      """;

  /** A change-set policy that tries every 4-tuple of the characters of the whole set. */
  private static final String LOOPING_CHANGE_SET =
      """
      package fleetgate.changeset.loop

      deny contains {"object": {"kind": "ConfigMap", "namespace": "apps", "name": "x"}, "msg": "never"} if {
        chars := split(json.marshal(input.objects), "")
        some a in chars
        some b in chars
        some c in chars
        some d in chars
        d == "never"
      }
      """;

  private static final String STOPPED =
      "The Wasm policy did not decide within its deadline of 1 s and was stopped; a rule loops or"
          + " builds an enormous collection";
  private static final String OUT_OF_MEMORY =
      "The Wasm policy ran out of its 256 MiB of memory and was stopped; a rule builds an enormous"
          + " collection";

  private static RenderedObject configMap(String name) {
    Map<String, Object> content =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Map.of("name", name, "namespace", "apps"),
            "data",
            Map.of("region", "cn-beijing"));
    return new RenderedObject(
        new ObjectRef("", "ConfigMap", "apps", name),
        "apps",
        content,
        new SourceLocation("apps/" + name + ".yaml", 1));
  }

  private static PolicyInput input(String name) {
    return new PolicyInput(configMap(name), CLUSTER, "0123456789abcdef0123456789abcdef01234567");
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aPolicyThatNeverFinishesIsStoppedAtTheDeadlineAndTheObjectDenied(@TempDir Path cache)
      throws Exception {
    PolicyBundle bundle =
        OpaLocator.compiler(cache)
            .compile(
                PolicyBundle.builtInRego(),
                new RepoPolicies(Map.of("policies/explode.rego", EXPLODING)));
    try (WasmPolicyEvaluator evaluator = WasmPolicyEvaluator.of(bundle, Duration.ofSeconds(1))) {
      assertThat(evaluator.evaluate(input("calm")).denials()).isEmpty();

      for (String name : List.of("loop", "explode")) {
        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> evaluator.evaluate(input(name)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(thrown).as(name).isInstanceOf(PolicyException.class);
        assertThat(thrown.getMessage())
            .as(name)
            // The collection may outgrow the instance's memory before the deadline.
            .isIn(name.equals("loop") ? List.of(STOPPED) : List.of(STOPPED, OUT_OF_MEMORY));
        // Stopped by the deadline: not before it; by the memory cap: whenever that comes first.
        assertThat(took)
            .as(name)
            .isBetween(
                thrown.getMessage().equals(STOPPED) ? Duration.ofSeconds(1) : Duration.ZERO,
                Duration.ofSeconds(1 + 2));
        assertThat(Thread.currentThread().isInterrupted())
            .as("the watchdog's interrupt stays with the evaluation")
            .isFalse();
        assertThat(evaluator.idleInstances())
            .as("the stopped instance is discarded, never put back to be reused")
            .isZero();
      }

      // The stopped instance is gone; the evaluator goes on deciding with a fresh one, made now.
      int made = evaluator.instancesMade();
      for (int i = 0; i < 4; i++) {
        assertThat(evaluator.evaluate(input("calm-" + i)).denials()).isEmpty();
      }
      assertThat(evaluator.instancesMade()).isEqualTo(made + 1);
      assertThat(evaluator.idleInstances()).isOne();

      // The calm object first: once the loop has passed its deadline, the gate evaluates no
      // further object of the check (PolicyGateCutOffTest), so a calm one after it may be denied.
      GateResult gate =
          new PolicyGate(evaluator)
              .check(List.of(configMap("calm"), configMap("loop")), CLUSTER, "0123456789abcdef");
      assertThat(gate.deniedBundles()).containsExactly("apps");
      assertThat(gate.denials())
          .singleElement()
          .satisfies(
              verdict -> {
                assertThat(verdict.object().ref().name()).isEqualTo("loop");
                assertThat(verdict.decision().denials().toString())
                    .contains("did not decide within its deadline of 1 s");
              });
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aChangeSetIsStoppedAtTheChangeSetDeadlineAndEveryObjectDenied(@TempDir Path cache)
      throws Exception {
    PolicyBundle bundle =
        OpaLocator.compiler(cache)
            .compile(
                PolicyBundle.builtInRego(),
                new RepoPolicies(Map.of("policies/loop.rego", LOOPING_CHANGE_SET)));
    io.fleetgate.domain.Deadlines deadlines =
        io.fleetgate.domain.Deadlines.DEFAULTS
            .withEvaluation(Duration.ofMillis(500))
            .withChangeSet(Duration.ofSeconds(2));
    try (WasmPolicyEvaluator evaluator = WasmPolicyEvaluator.of(bundle, deadlines)) {
      long started = System.nanoTime();
      GateResult gate =
          new PolicyGate(evaluator)
              .check(List.of(configMap("calm"), configMap("quiet")), CLUSTER, "0123456789abcdef");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      // Held to the change set's own deadline: not stopped at the object's, nor left running.
      assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2 + 2));
      assertThat(gate.denials())
          .hasSize(2)
          .allSatisfy(
              verdict -> {
                assertThat(verdict.engineError()).isTrue();
                assertThat(verdict.decision().denials().toString())
                    .contains("the change set")
                    .contains("did not decide within its deadline of 2 s");
              });
      assertThat(evaluator.idleInstances())
          .as("the instances that decided the objects are kept, the stopped one is not")
          .isLessThan(Runtime.getRuntime().availableProcessors());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(120)
  void aHostBuiltinAskedForAnEnormousResultIsRefusedAtOnceAndTheObjectDenied(@TempDir Path cache)
      throws Exception {
    PolicyBundle bundle =
        OpaLocator.compiler(cache)
            .compile(
                PolicyBundle.builtInRego(), new RepoPolicies(Map.of("policies/wide.rego", WIDE)));
    // A deadline far beyond the refusal, so that a loaded machine's slow evaluation is never
    // mistaken for one that ran until it was stopped (the message tells the two apart)
    try (WasmPolicyEvaluator evaluator = WasmPolicyEvaluator.of(bundle, Duration.ofSeconds(10))) {
      // More evaluations than the pool has permits: none may keep its permit.
      int rounds = Runtime.getRuntime().availableProcessors() + 2;
      for (int i = 0; i < rounds; i++) {
        for (String name : List.of("wide", "huge")) {
          long started = System.nanoTime();
          assertThatThrownBy(() -> evaluator.evaluate(input(name)))
              .as(name)
              .isInstanceOf(PolicyException.class)
              .hasMessageContaining("sprintf")
              .hasMessageContaining("exceeds the limit of " + Sprintf.MAX_WIDTH);
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .as(name + ": refused long before the deadline")
              .isLessThan(Duration.ofSeconds(5));
        }
      }
      assertThat(evaluator.evaluate(input("calm")).denials()).isEmpty();

      GateResult gate =
          new PolicyGate(evaluator)
              .check(List.of(configMap("huge"), configMap("calm")), CLUSTER, "0123456789abcdef");
      assertThat(gate.denials())
          .singleElement()
          .satisfies(
              verdict -> {
                assertThat(verdict.object().ref().name()).isEqualTo("huge");
                assertThat(verdict.engineError()).isTrue();
              });
    }
  }
}
