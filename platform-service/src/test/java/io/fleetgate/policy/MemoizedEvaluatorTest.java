package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoizedEvaluatorTest {

  /** Counts what reaches the engine; denies objects named "bad"; fails on "broken". */
  private static class CountingEngine implements PolicyEvaluator {
    final List<String> evaluated = new ArrayList<>();
    final boolean pure;

    CountingEngine(boolean pure) {
      this.pure = pure;
    }

    @Override
    public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
      evaluated.add(input.toJson());
      String name = input.object().ref().name();
      if (name.equals("broken")) {
        throw new PolicyException("engine failed");
      }
      return new PolicyDecision(
          name.equals("bad") ? List.of(new Finding("p", "denied " + name)) : List.of(), List.of());
    }

    @Override
    public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
      evaluated.add(input.toJson());
      return ChangeSetDecision.none();
    }

    @Override
    public String engine() {
      return "counting";
    }

    @Override
    public boolean decidesFromInputAlone() {
      return pure;
    }
  }

  private static final ClusterTarget CLUSTER =
      new ClusterTarget("fleet", "beijing-prod", Map.of("env", "prod"), ClusterPhase.PROVISIONED);

  private static RenderedObject object(String name, String value) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("apiVersion", "v1");
    content.put("kind", "ConfigMap");
    content.put("metadata", new LinkedHashMap<>(Map.of("name", name, "namespace", "payments")));
    content.put("data", new LinkedHashMap<>(Map.of("k", value)));
    return new RenderedObject(
        new ObjectRef("", "ConfigMap", "payments", name),
        "payments",
        content,
        new SourceLocation("bundles/payments/cm.yaml", 3));
  }

  private final CountingEngine engine = new CountingEngine(true);
  private final PolicyEvaluator memo = new MemoizedEvaluator(engine, 100, 10);

  @Test
  void judgesAnUnchangedInputOnce() throws Exception {
    PolicyDecision first = memo.evaluate(new PolicyInput(object("bad", "1"), CLUSTER, "c1"));
    PolicyDecision again = memo.evaluate(new PolicyInput(object("bad", "1"), CLUSTER, "c1"));

    assertThat(engine.evaluated).hasSize(1);
    assertThat(again).isEqualTo(first);
    assertThat(again.allowed()).isFalse();
  }

  @Test
  void judgesAgainWhenAnythingInTheInputDiffers() throws Exception {
    memo.evaluate(new PolicyInput(object("cm", "1"), CLUSTER, "c1"));
    memo.evaluate(new PolicyInput(object("cm", "2"), CLUSTER, "c1"));
    memo.evaluate(new PolicyInput(object("cm", "1"), CLUSTER, "c2"));
    memo.evaluate(
        new PolicyInput(
            object("cm", "1"),
            new ClusterTarget("fleet", "frankfurt-prod", Map.of(), ClusterPhase.PROVISIONED),
            "c1"));
    memo.evaluate(new PolicyInput(object("cm", "1"), CLUSTER, "c1", Map.of("registry", "r")));
    RenderedObject moved =
        new RenderedObject(
            new ObjectRef("", "ConfigMap", "payments", "cm"),
            "payments",
            object("cm", "1").content(),
            new SourceLocation("bundles/payments/cm.yaml", 9));
    memo.evaluate(new PolicyInput(moved, CLUSTER, "c1"));
    RenderedObject otherBundle =
        new RenderedObject(
            new ObjectRef("", "ConfigMap", "payments", "cm"),
            "payments-extras",
            object("cm", "1").content(),
            new SourceLocation("bundles/payments/cm.yaml", 3));
    memo.evaluate(new PolicyInput(otherBundle, CLUSTER, "c1"));
    memo.evaluate(
        new PolicyInput(
            object("cm", "1"),
            new ClusterTarget(
                "fleet", "beijing-prod", Map.of("env", "staging"), ClusterPhase.PROVISIONED),
            "c1"));
    memo.evaluate(
        new PolicyInput(
            object("cm", "1"),
            new ClusterTarget(
                "other", "beijing-prod", Map.of("env", "prod"), ClusterPhase.PROVISIONED),
            "c1"));

    assertThat(engine.evaluated).hasSize(9);
  }

  @Test
  void handsTheEngineTheTextItDigested() throws Exception {
    List<String> received = new ArrayList<>();
    PolicyEvaluator textReader =
        new CountingEngine(true) {
          @Override
          public PolicyDecision evaluate(PolicyInput input, String json) {
            received.add(json);
            return new PolicyDecision(List.of(), List.of());
          }
        };
    PolicyInput input = new PolicyInput(object("cm", "1"), CLUSTER, "c1", Map.of("k", 1.5));

    new MemoizedEvaluator(textReader, 10, 10).evaluate(input);

    assertThat(received).containsExactly(input.toJson());
  }

  @Test
  void theDigestIsThatOfTheTextTheEngineReceives() throws Exception {
    PolicyInput input = new PolicyInput(object("cm", "1"), CLUSTER, "c1", Map.of("k", 1.5));
    byte[] sha =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(input.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(sha);

    InputDigest expected =
        new InputDigest(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());

    assertThat(InputDigest.of(input.document())).isEqualTo(expected);
    assertThat(InputDigest.of(input.toJson())).isEqualTo(expected);
  }

  @Test
  void judgesEachObjectAgainAfterAnotherObjectOfItsSlotWasJudged() throws Exception {
    memo.evaluate(new PolicyInput(object("cm", "1"), CLUSTER, "c1"));
    memo.evaluate(new PolicyInput(object("cm", "2"), CLUSTER, "c2"));
    memo.evaluate(new PolicyInput(object("cm", "2"), CLUSTER, "c2"));

    assertThat(engine.evaluated).hasSize(2);
  }

  @Test
  void neverRemembersAFailure() {
    PolicyInput broken = new PolicyInput(object("broken", "1"), CLUSTER, "c1");

    assertThatThrownBy(() -> memo.evaluate(broken)).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> memo.evaluate(broken)).isInstanceOf(PolicyException.class);
    assertThat(engine.evaluated).hasSize(2);
  }

  @Test
  void remembersChangeSetsByTheirWholeInput() throws Exception {
    List<RenderedObject> objects = List.of(object("a", "1"), object("b", "1"));
    memo.evaluateChangeSet(new ChangeSetInput(objects, CLUSTER, "c1", Map.of()));
    memo.evaluateChangeSet(new ChangeSetInput(objects, CLUSTER, "c1", Map.of()));
    memo.evaluateChangeSet(new ChangeSetInput(List.of(object("a", "1")), CLUSTER, "c1", Map.of()));

    assertThat(engine.evaluated).hasSize(2);
  }

  @Test
  void remembersNothingForAnEngineWhosePoliciesCanChangeBehindIt() {
    CountingEngine server = new CountingEngine(false);

    assertThat(MemoizedEvaluator.over(server, Map.of("p.rego", "package p\n"))).isSameAs(server);
  }

  @Test
  void remembersNothingWhenAPolicyReadsTheClock() {
    PolicyEvaluator over =
        MemoizedEvaluator.over(
            engine,
            Map.of(
                "policies/a.rego",
                "package a\n",
                "policies/window.rego",
                "package window\nopen if time.now_ns() > 0\n"));

    assertThat(over).isSameAs(engine);
    assertThat(MemoizedEvaluator.over(engine, Map.of("policies/a.rego", "package a\n")))
        .isInstanceOf(MemoizedEvaluator.class);
  }
}
