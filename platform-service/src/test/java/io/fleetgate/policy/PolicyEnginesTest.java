package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEnginesTest {

  private static final PolicyEvaluator BUILT_IN = evaluator("built-in");

  private static PolicyEvaluator evaluator(String name) {
    return new PolicyEvaluator() {
      @Override
      public PolicyDecision evaluate(PolicyInput input) {
        return new PolicyDecision(List.of(), List.of());
      }

      @Override
      public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) {
        return ChangeSetDecision.none();
      }

      @Override
      public String engine() {
        return name;
      }
    };
  }

  private final List<RepoPolicies> compiled = new ArrayList<>();

  private PolicyEngines engines() {
    return new PolicyEngines(
        BUILT_IN,
        (builtIn, custom) -> {
          compiled.add(custom);
          return new PolicyBundle(Map.of());
        },
        bundle -> evaluator("compiled " + compiled.size()));
  }

  @Test
  void aRepositoryWithoutPoliciesUsesTheBuiltInEvaluator() throws Exception {
    assertThat(engines().evaluatorFor(RepoPolicies.none())).isSameAs(BUILT_IN);
    assertThat(compiled).isEmpty();
  }

  @Test
  void compilesEachSetOfFilesOnce() throws Exception {
    PolicyEngines engines = engines();
    RepoPolicies team = new RepoPolicies(Map.of("policies/team.rego", "package main\n"));
    RepoPolicies changed = new RepoPolicies(Map.of("policies/team.rego", "package main\n\n"));

    PolicyEvaluator first = engines.evaluatorFor(team);
    PolicyEvaluator again = engines.evaluatorFor(new RepoPolicies(team.sources()));
    PolicyEvaluator other = engines.evaluatorFor(changed);

    assertThat(again).isSameAs(first);
    assertThat(other).isNotSameAs(first);
    assertThat(compiled).hasSize(2);
  }

  @Test
  void refusesPackagesThatWouldChangeTheBuiltInPoliciesBeforeCompiling() {
    RepoPolicies sneaky =
        new RepoPolicies(
            Map.of(
                "policies/a.rego", "# comment\npackage fleetgate.kubernetes.image_pinned\n",
                "policies/b.rego", "package fleetgate.changeset.cde_reachability\n",
                "policies/c.rego", "package fleetgate.lib.params\n",
                "policies/d.rego", "deny := true\n"));

    assertThatThrownBy(() -> engines().evaluatorFor(sneaky))
        .isInstanceOfSatisfying(
            PolicyCompileException.class,
            e ->
                assertThat(e.problems())
                    .extracting(PolicyCompileException.Problem::toString)
                    .satisfiesExactly(
                        a ->
                            assertThat(a)
                                .startsWith(
                                    "policies/a.rego:2: package fleetgate.kubernetes.image_pinned"
                                        + " is not open"),
                        b -> assertThat(b).startsWith("policies/b.rego:1: package"),
                        c -> assertThat(c).startsWith("policies/c.rego:1: package"),
                        d ->
                            assertThat(d)
                                .isEqualTo("policies/d.rego: has no package declaration")));
    assertThat(compiled).isEmpty();
  }

  @Test
  void acceptsTheOpenPackages() throws Exception {
    RepoPolicies open =
        new RepoPolicies(
            Map.of(
                "policies/a.rego", "package main\n",
                "policies/b.rego", "package fleetgate.custom.team.labels\n",
                "policies/c.rego", "package fleetgate.changeset.ingress_hosts\n",
                "policies/c_test.rego", "package fleetgate.changeset.ingress_hosts_test\n"));

    assertThat(engines().evaluatorFor(open).engine()).isEqualTo("compiled 1");
  }

  @Test
  void aFailedCompilationIsRememberedAndReportedToEveryCluster() {
    int[] attempts = {0};
    PolicyEngines engines =
        new PolicyEngines(
            BUILT_IN,
            (builtIn, custom) -> {
              attempts[0]++;
              throw new PolicyCompileException(
                  List.of(
                      new PolicyCompileException.Problem(
                          new io.fleetgate.domain.SourceLocation("policies/a.rego", 3), "bad")));
            },
            bundle -> BUILT_IN);
    RepoPolicies broken = new RepoPolicies(Map.of("policies/a.rego", "package main\n"));

    for (int cluster = 0; cluster < 3; cluster++) {
      assertThatThrownBy(() -> engines.evaluatorFor(broken)).hasMessage("policies/a.rego:3: bad");
    }
    assertThat(attempts[0]).isEqualTo(1);
  }
}
