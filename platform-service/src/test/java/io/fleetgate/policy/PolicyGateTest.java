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
        public String engine() {
          return "test";
        }
      };

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
                PolicyCases.CLUSTER,
                "abc",
                new Waivers(List.of(waiver("2026-12-31", List.of()))),
                java.time.LocalDate.parse("2026-11-24"));

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
                PolicyCases.CLUSTER,
                "abc",
                new Waivers(List.of(waiver("2026-11-23", List.of()))),
                java.time.LocalDate.parse("2026-11-24"));

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
                PolicyCases.CLUSTER,
                "abc",
                new Waivers(List.of(waiver("2026-12-31", List.of("guangzhou-prod")))),
                java.time.LocalDate.parse("2026-11-24"));

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
