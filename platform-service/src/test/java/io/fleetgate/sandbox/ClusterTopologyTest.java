package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.patch.PatchTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterTopologyTest {

  private static final NodeImage IMAGE =
      new NodeImage("v1.34.4", "6.8.0-51-generic", "Ubuntu 24.04.1 LTS", NodeImage.RUNTIME);

  /** A Cluster's {@code spec.topology} (JSON, or null for none) and what it asks of its nodes. */
  record Case(String name, String topology, Optional<ClusterTopology> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "what the seeder declares reads back as its image",
            new Gson().toJson(ClusterTopology.declaring(IMAGE)),
            want("v1.34.4", "6.8.0-51-generic", "Ubuntu 24.04.1 LTS", 1)),
        new Case("no topology asks nothing", null, Optional.empty()),
        new Case("a topology that is not an object asks nothing", "\"sandbox\"", Optional.empty()),
        new Case(
            "a version without its v is read as kubelets report it",
            "{\"classRef\":{\"name\":\"sandbox\"},\"version\":\"1.35.0\"}",
            want("v1.35.0", null, null, 1)),
        new Case(
            "missing variables leave kernel and OS image as they are",
            "{\"version\":\"v1.34.5\",\"variables\":[{\"name\":\"other\",\"value\":\"x\"}]}",
            want("v1.34.5", null, null, 1)),
        new Case(
            "a kernel that is not a string is left out and named",
            "{\"version\":\"v1.34.5\",\"variables\":[{\"name\":\"nodeKernelVersion\",\"value\":6.8},"
                + "{\"name\":\"nodeOSImage\",\"value\":\"Ubuntu 24.04.3 LTS\"}]}",
            Optional.of(
                new ClusterTopology(
                    new PatchTarget("v1.34.5", null, "Ubuntu 24.04.3 LTS"),
                    1,
                    List.of(
                        "spec.topology.variables[nodeKernelVersion].value is not a string; that"
                            + " part of the nodes is left as it is")))),
        new Case(
            "a variable whose name is not a string is ignored",
            "{\"version\":\"v1.34.5\",\"variables\":[{\"name\":{\"a\":1},\"value\":\"x\"},7]}",
            want("v1.34.5", null, null, 1)),
        new Case(
            "maxUnavailable of the machine deployment",
            md("{\"name\":\"workers\",\"class\":\"default-worker\"," + rolling("2") + "}"),
            want("v1.34.4", null, null, 2)),
        new Case(
            "the smallest maxUnavailable of several machine deployments",
            md(
                "{\"name\":\"a\",\"class\":\"c\","
                    + rolling("3")
                    + "},{\"name\":\"b\",\"class\":\"c\","
                    + rolling("2")
                    + "},{\"name\":\"c\",\"class\":\"c\"}"),
            want("v1.34.4", null, null, 2)),
        new Case(
            "a huge maxUnavailable means every node",
            md("{\"name\":\"workers\",\"class\":\"c\"," + rolling("1000000000000") + "}"),
            want("v1.34.4", null, null, ClusterTopology.MOST_NODES)),
        new Case(
            "a percentage is one node at a time, named",
            md("{\"name\":\"workers\",\"class\":\"c\"," + rolling("\"25%\"") + "}"),
            problem(
                "spec.topology.workers.machineDeployments[workers].rollout.strategy.rollingUpdate"
                    + ".maxUnavailable \"25%\" is not a positive whole number; the sandbox"
                    + " upgrades its nodes one at a time")),
        new Case(
            "zero is one node at a time, named",
            md("{\"name\":\"workers\",\"class\":\"c\"," + rolling("0") + "}"),
            problem(
                "spec.topology.workers.machineDeployments[workers].rollout.strategy.rollingUpdate"
                    + ".maxUnavailable 0 is not a positive whole number; the sandbox upgrades"
                    + " its nodes one at a time")),
        new Case(
            "a fraction is one node at a time, named",
            md("{\"name\":\"workers\",\"class\":\"c\"," + rolling("1.5") + "}"),
            problem(
                "spec.topology.workers.machineDeployments[workers].rollout.strategy.rollingUpdate"
                    + ".maxUnavailable 1.5 is not a positive whole number; the sandbox upgrades"
                    + " its nodes one at a time")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsWhatTheTopologyAsksOfTheNodes(Case c) {
    assertThat(ClusterTopology.of(cluster(c.topology()))).isEqualTo(c.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aProblemIsOneShortLine(Case c) {
    ClusterTopology.of(cluster(c.topology()))
        .ifPresent(
            t -> assertThat(t.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n")));
  }

  @org.junit.jupiter.api.Test
  void aHostileValueIsCutInTheProblem() {
    String huge = "\"" + "9".repeat(10_000) + "%\"";
    ClusterTopology read =
        ClusterTopology.of(
                cluster(
                    md(
                        "{\"name\":\""
                            + "n".repeat(500)
                            + "\",\"class\":\"c\","
                            + rolling(huge)
                            + "}")))
            .orElseThrow();

    assertThat(read.maxUnavailable()).isEqualTo(1);
    assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p).hasSizeLessThan(300));
  }

  @org.junit.jupiter.api.Test
  void declaresTheClassTheWorkersAndTheImage() {
    assertThat(ClusterTopology.declaring(IMAGE))
        .isEqualTo(
            Map.of(
                "classRef", Map.of("name", "sandbox"),
                "version", "v1.34.4",
                "variables",
                    List.of(
                        Map.of("name", "nodeKernelVersion", "value", "6.8.0-51-generic"),
                        Map.of("name", "nodeOSImage", "value", "Ubuntu 24.04.1 LTS")),
                "workers",
                    Map.of(
                        "machineDeployments",
                        List.of(Map.of("class", "default-worker", "name", "workers")))));
  }

  private static Optional<ClusterTopology> want(
      String version, String kernel, String osImage, int maxUnavailable) {
    return Optional.of(
        new ClusterTopology(new PatchTarget(version, kernel, osImage), maxUnavailable, List.of()));
  }

  private static Optional<ClusterTopology> problem(String problem) {
    return Optional.of(
        new ClusterTopology(new PatchTarget("v1.34.4", null, null), 1, List.of(problem)));
  }

  private static String md(String deployments) {
    return "{\"classRef\":{\"name\":\"sandbox\"},\"version\":\"v1.34.4\","
        + "\"workers\":{\"machineDeployments\":["
        + deployments
        + "]}}";
  }

  private static String rolling(String maxUnavailable) {
    return "\"rollout\":{\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
        + "{\"maxUnavailable\":"
        + maxUnavailable
        + "}}}";
  }

  private static KubeObject cluster(String topology) {
    String spec = topology == null ? "{}" : "{\"topology\":" + topology + "}";
    return new KubeObject(
        new Gson()
            .fromJson(
                "{\"apiVersion\":\"cluster.x-k8s.io/v1beta2\",\"kind\":\"Cluster\","
                    + "\"metadata\":{\"name\":\"beijing-prod\",\"namespace\":\"fleet\"},"
                    + "\"spec\":"
                    + spec
                    + "}",
                JsonObject.class));
  }
}
