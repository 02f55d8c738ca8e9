package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The gate stops at a reconcile's cut and after a policy's first deadline, denying the rest. */
class PolicyGateCutOffTest {

  private static final List<RenderedObject> OBJECTS =
      IntStream.range(0, 24)
          .mapToObj(
              i ->
                  new RenderedObject(
                      new ObjectRef("", "ConfigMap", "apps", "config-" + i),
                      "apps",
                      Map.of(
                          "apiVersion",
                          "v1",
                          "kind",
                          "ConfigMap",
                          "metadata",
                          Map.of("name", "config-" + i, "namespace", "apps")),
                      new SourceLocation("apps/config-" + i + ".yaml", 1)))
          .toList();

  /** An engine whose every evaluation works for the given time, deaf to interrupts. */
  private static final class Busy implements PolicyEvaluator {
    final AtomicInteger started = new AtomicInteger();
    final long nanos;
    final boolean overruns;

    Busy(long millis, boolean overruns) {
      this.nanos = TimeUnit.MILLISECONDS.toNanos(millis);
      this.overruns = overruns;
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
      started.incrementAndGet();
      long until = System.nanoTime() + nanos;
      while (System.nanoTime() - until < 0) {
        Thread.onSpinWait();
      }
      if (overruns) {
        throw new PolicyDeadlineException("did not decide within its deadline of 300 ms", null);
      }
      return new PolicyDecision(List.of(), List.of());
    }

    @Override
    public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
      return ChangeSetDecision.none();
    }

    @Override
    public String engine() {
      return "test";
    }
  }

  @Test
  void aCutOffCheckEvaluatesNoFurtherObjectAndDeniesThoseItDidNot() throws Exception {
    Busy busy = new Busy(500, false);
    PolicyGate gate = new PolicyGate(busy);
    CompletableFuture<GateResult> result = new CompletableFuture<>();
    Thread reconcile =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    result.complete(gate.check(OBJECTS, PolicyCases.CLUSTER, "abc"));
                  } catch (Throwable t) {
                    result.completeExceptionally(t);
                  }
                });
    Thread.sleep(200);
    long cut = System.nanoTime();
    reconcile.interrupt();

    GateResult gated = result.get(30, TimeUnit.SECONDS);
    long afterCut = System.nanoTime() - cut;

    // The evaluations running at the cut may finish (they ignore interrupts); none starts after.
    assertThat(afterCut).isLessThan(TimeUnit.MILLISECONDS.toNanos(1_500));
    Thread.sleep(600);
    int started = busy.started.get();
    assertThat(started).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(gated.deniedBundles()).containsExactly("apps");
    assertThat(gated.verdicts()).hasSize(OBJECTS.size());
    assertThat(gated.denials())
        .hasSizeGreaterThanOrEqualTo(OBJECTS.size() - started)
        .allSatisfy(
            v ->
                assertThat(v.decision().denials().getFirst().message())
                    .contains("not evaluated")
                    .contains("cut off"));
  }

  @Test
  void afterAPolicyOverrunsItsDeadlineTheRemainingObjectsAreDeniedWithoutEvaluation()
      throws Exception {
    Busy overrunning = new Busy(300, true);

    long started = System.nanoTime();
    GateResult gated = new PolicyGate(overrunning).check(OBJECTS, PolicyCases.CLUSTER, "abc");
    long took = System.nanoTime() - started;

    int evaluated = overrunning.started.get();
    assertThat(evaluated).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(took).isLessThan(TimeUnit.MILLISECONDS.toNanos(2_000));
    assertThat(gated.denials()).hasSize(OBJECTS.size());
    assertThat(gated.denials())
        .filteredOn(v -> v.decision().denials().getFirst().message().contains("not evaluated"))
        .hasSize(OBJECTS.size() - evaluated)
        .allSatisfy(
            v ->
                assertThat(v.decision().denials().getFirst().message())
                    .contains("passed its evaluation deadline")
                    .contains("without evaluation"));
  }
}
