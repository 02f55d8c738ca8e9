package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyGateTest {

  @Test
  void deniesWhenThePolicyEngineFails() throws Exception {
    PolicyEvaluator broken =
        new PolicyEvaluator() {
          @Override
          public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
            throw new PolicyException("connection refused");
          }

          @Override
          public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
            return ChangeSetDecision.none();
          }

          @Override
          public String engine() {
            return "opa-server http://127.0.0.1:1/";
          }
        };
    PolicyCases.Case clean =
        PolicyCases.all().stream().filter(c -> c.want().isEmpty()).findFirst().orElseThrow();

    GateResult result =
        new PolicyGate(broken).check(List.of(clean.object()), PolicyCases.CLUSTER, "abc");

    assertThat(result.deniedBundles()).containsExactly("apps");
    assertThat(result.denials())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.engineError()).isTrue();
              assertThat(v.decision().denials().getFirst().policy()).isEqualTo(Finding.ENGINE);
              assertThat(v.decision().denials().getFirst().message())
                  .contains("connection refused")
                  .contains("denied");
            });
  }

  @Test
  void aDenialBlocksOnlyItsBundle() throws Exception {
    PolicyEvaluator denyByName =
        new PolicyEvaluator() {
          @Override
          public PolicyDecision evaluate(PolicyInput input) {
            return input.object().ref().name().equals("debug")
                ? new PolicyDecision(List.of(new Finding("privileged_containers", "no")), List.of())
                : new PolicyDecision(List.of(), List.of());
          }

          @Override
          public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
            return ChangeSetDecision.none();
          }

          @Override
          public String engine() {
            return "test";
          }
        };
    var cases = PolicyCases.all();
    var debug = cases.get(0).object();
    var other =
        new io.fleetgate.domain.RenderedObject(
            cases.get(4).object().ref(),
            "other",
            cases.get(4).object().content(),
            cases.get(4).object().source());

    GateResult result =
        new PolicyGate(denyByName).check(List.of(debug, other), PolicyCases.CLUSTER, "abc");

    assertThat(result.deniedBundles()).containsExactly("apps");
  }

  private static final PolicyEvaluator DENY_IMAGES =
      new PolicyEvaluator() {
        @Override
        public PolicyDecision evaluate(PolicyInput input) {
          return new PolicyDecision(List.of(new Finding("image_pinned", "unpinned")), List.of());
        }

        @Override
        public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
          return ChangeSetDecision.none();
        }

        @Override
        public String engine() {
          return "test";
        }
      };

  /** Denies, as the change-set policies would, the object named {@code Namespace apps}. */
  private static PolicyEvaluator changeSetDenying(String kind, String namespace, String name) {
    return new PolicyEvaluator() {
      @Override
      public PolicyDecision evaluate(PolicyInput input) {
        return new PolicyDecision(List.of(), List.of());
      }

      @Override
      public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
        return new ChangeSetDecision(
            List.of(
                new ChangeSetDecision.ObjectFinding(
                    kind, namespace, name, new Finding("network_default_deny", "no deny-all"))),
            List.of(
                new ChangeSetDecision.ObjectFinding(
                    kind, namespace, name, new Finding("network_default_deny", "note"))));
      }

      @Override
      public String engine() {
        return "test";
      }
    };
  }

  private static io.fleetgate.domain.RenderedObject inBundle(int index, String bundle)
      throws java.io.IOException {
    var object = PolicyCases.all().get(index).object();
    return new io.fleetgate.domain.RenderedObject(
        object.ref(), bundle, object.content(), object.source());
  }

  @Test
  void aChangeSetFindingLandsOnTheObjectItNamesAndBlocksItsBundle() throws Exception {
    var first = inBundle(0, "first");
    var named = inBundle(4, "second");
    var ref = named.ref();

    GateResult result =
        new PolicyGate(changeSetDenying(ref.kind(), ref.namespace(), ref.name()))
            .check(List.of(first, named), PolicyCases.CLUSTER, "abc");

    assertThat(result.deniedBundles()).containsExactly("second");
    assertThat(result.denials().getFirst().decision().warnings())
        .extracting(Finding::message)
        .containsExactly("note");
  }

  @Test
  void aChangeSetFindingAboutAnUnknownObjectStillBlocksAndSaysSo() throws Exception {
    var first = inBundle(0, "first");

    GateResult result =
        new PolicyGate(changeSetDenying("Namespace", "", "elsewhere"))
            .check(List.of(first, inBundle(4, "second")), PolicyCases.CLUSTER, "abc");

    assertThat(result.deniedBundles()).containsExactly("first");
    assertThat(result.denials().getFirst().decision().denials().getFirst().message())
        .contains("Namespace /elsewhere, which this change set does not hold");
  }

  @Test
  void aChangeSetTheEngineCannotDecideDeniesEveryObject() throws Exception {
    PolicyEvaluator failing =
        new PolicyEvaluator() {
          @Override
          public PolicyDecision evaluate(PolicyInput input) {
            return new PolicyDecision(List.of(), List.of());
          }

          @Override
          public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException {
            throw new PolicyException("out of memory");
          }

          @Override
          public String engine() {
            return "test";
          }
        };

    GateResult result =
        new PolicyGate(failing)
            .check(List.of(inBundle(0, "first"), inBundle(4, "second")), PolicyCases.CLUSTER, "a");

    assertThat(result.deniedBundles()).containsExactly("first", "second");
    assertThat(result.denials()).allSatisfy(v -> assertThat(v.engineError()).isTrue());
  }

  @Test
  void anErrorFromTheEngineDeniesAndNeverEscapesTheGate() throws Exception {
    PolicyEvaluator exhausted =
        new PolicyEvaluator() {
          @Override
          public PolicyDecision evaluate(PolicyInput input) {
            if (input.object().bundle().equals("first")) {
              throw new OutOfMemoryError("Java heap space");
            }
            return new PolicyDecision(List.of(), List.of());
          }

          @Override
          public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
            throw new StackOverflowError();
          }

          @Override
          public String engine() {
            return "test";
          }
        };

    GateResult result =
        new PolicyGate(exhausted)
            .check(List.of(inBundle(0, "first"), inBundle(4, "second")), PolicyCases.CLUSTER, "a");

    assertThat(result.deniedBundles()).containsExactly("first", "second");
    assertThat(result.denials()).allSatisfy(v -> assertThat(v.engineError()).isTrue());
    assertThat(result.denials().getFirst().decision().denials().toString())
        .contains("java.lang.OutOfMemoryError: Java heap space")
        .contains("java.lang.StackOverflowError");
  }

  private static Waiver waiver(String expires, List<String> clusters) {
    return new Waiver(
        "image_pinned",
        "Pod apps/debug",
        clusters,
        "payments-team",
        "vendor image",
        java.time.LocalDate.parse(expires),
        new io.fleetgate.domain.SourceLocation("waivers.yaml", 4));
  }

  @Test
  void anActiveWaiverTurnsADenialIntoARecordedWaiver() throws Exception {
    var debug = PolicyCases.all().get(0).object();
    GateResult result =
        new PolicyGate(DENY_IMAGES)
            .check(
                List.of(debug),
                new PolicyContext(
                    PolicyCases.CLUSTER,
                    "abc",
                    java.util.Map.of(),
                    new Waivers(List.of(waiver("2026-12-31", List.of()))),
                    java.time.LocalDate.parse("2026-11-24")));

    assertThat(result.deniedBundles()).isEmpty();
    assertThat(result.verdicts().getFirst().waived())
        .singleElement()
        .satisfies(w -> assertThat(w.waiver().owner()).isEqualTo("payments-team"));
  }

  @Test
  void anExpiredWaiverStopsApplyingAndSaysSo() throws Exception {
    var debug = PolicyCases.all().get(0).object();
    GateResult result =
        new PolicyGate(DENY_IMAGES)
            .check(
                List.of(debug),
                new PolicyContext(
                    PolicyCases.CLUSTER,
                    "abc",
                    java.util.Map.of(),
                    new Waivers(List.of(waiver("2026-11-23", List.of()))),
                    java.time.LocalDate.parse("2026-11-24")));

    assertThat(result.deniedBundles()).containsExactly("apps");
    assertThat(result.denials().getFirst().decision().denials().getFirst().message())
        .contains("waivers.yaml:4 expired on 2026-11-23");
  }

  @Test
  void aWaiverForOtherClustersDoesNotApply() throws Exception {
    var debug = PolicyCases.all().get(0).object();
    GateResult result =
        new PolicyGate(DENY_IMAGES)
            .check(
                List.of(debug),
                new PolicyContext(
                    PolicyCases.CLUSTER,
                    "abc",
                    java.util.Map.of(),
                    new Waivers(List.of(waiver("2026-12-31", List.of("guangzhou-prod")))),
                    java.time.LocalDate.parse("2026-11-24")));

    assertThat(result.deniedBundles()).containsExactly("apps");
  }

  @Test
  void anEngineFailureIsNeverWaived() {
    Finding engine = new Finding(Finding.ENGINE, "opa down");
    Waiver everything =
        new Waiver(
            Finding.ENGINE,
            "Pod apps/debug",
            List.of(),
            "x",
            "y",
            java.time.LocalDate.parse("2099-01-01"),
            new io.fleetgate.domain.SourceLocation("waivers.yaml", 1));

    assertThat(
            new Waivers(List.of(everything))
                .find(
                    engine,
                    "Pod apps/debug",
                    "beijing-prod",
                    java.time.LocalDate.parse("2026-11-24")))
        .isEmpty();
  }
}
