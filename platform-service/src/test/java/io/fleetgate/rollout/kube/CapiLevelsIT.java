package io.fleetgate.rollout.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.rollout.RolloutTarget;
import io.fleetgate.rollout.run.ClusterLevels;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The node levels Cluster API objects declare, read and written on a real API server with the
 * Cluster API CRDs: managed topologies, MachineDeployments, and fields another tool applies.
 */
@SandboxFleetTest(dedicated = true, clusters = 1)
class CapiLevelsIT {

  private static final String KERNEL = "6.8.0-51-generic";

  private static RolloutTarget kernel(String kernel) {
    return new RolloutTarget(Optional.empty(), Optional.of(kernel), Optional.empty());
  }

  private static RolloutTarget kubernetes(String version) {
    return new RolloutTarget(Optional.of(version), Optional.empty(), Optional.empty());
  }

  private static Map<String, Object> topologyCluster(String namespace, String name) {
    return Map.of(
        "apiVersion",
        "cluster.x-k8s.io/v1beta2",
        "kind",
        "Cluster",
        "metadata",
        Map.of("name", name, "namespace", namespace),
        "spec",
        Map.of(
            "topology",
            Map.of(
                "classRef",
                Map.of("name", "sandbox"),
                "version",
                "v1.34.3",
                "variables",
                List.of(
                    Map.of("name", CapiLevels.KERNEL_VARIABLE, "value", KERNEL),
                    Map.of("name", CapiLevels.OS_IMAGE_VARIABLE, "value", "Ubuntu 24.04.1 LTS")),
                "workers",
                Map.of(
                    "machineDeployments",
                    List.of(Map.of("class", "default-worker", "name", "workers"))))));
  }

  private static ClusterTarget target(String namespace, String name) {
    return new ClusterTarget(namespace, name, Map.of(), ClusterPhase.PROVISIONED);
  }

  @Test
  void aTopologyIsReadAndWrittenAndKeepsThePartsItDeclaredBefore(SandboxFleetHandle sandbox) {
    ClusterApi management = sandbox.management();
    String namespace = sandbox.freshNamespace(management, "capi-levels");
    management.create("kubectl-create", topologyCluster(namespace, "alpha"));
    CapiLevels levels = new CapiLevels(management);
    ClusterTarget alpha = target(namespace, "alpha");

    assertThat(levels.read(alpha, kernel("x")))
        .isEqualTo(new ClusterLevels.Declared.Read(kernel(KERNEL)));
    assertThat(
            levels.write(
                alpha,
                new RolloutTarget(
                    Optional.of("v1.34.4"), Optional.of("6.8.0-88-generic"), Optional.empty()),
                2))
        .isEqualTo(new ClusterLevels.Written.Applied());
    // A later rollout of the kernel alone must not drop the version it declared before.
    assertThat(levels.write(alpha, kernel("6.8.0-90-generic"), 1))
        .isEqualTo(new ClusterLevels.Written.Applied());

    KubeObject stored = management.get(CapiLevels.CLUSTER, namespace, "alpha").orElseThrow();
    assertThat(stored.text("spec", "topology", "version")).hasValue("v1.34.4");
    assertThat(
            levels.read(
                alpha, new RolloutTarget(Optional.of("x"), Optional.of("x"), Optional.of("x"))))
        .isEqualTo(
            new ClusterLevels.Declared.Read(
                new RolloutTarget(
                    Optional.of("v1.34.4"),
                    Optional.of("6.8.0-90-generic"),
                    Optional.of("Ubuntu 24.04.1 LTS"))));
    assertThat(
            stored
                .at("spec", "topology", "workers", "machineDeployments")
                .orElseThrow()
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("rollout")
                .getAsJsonObject("strategy")
                .getAsJsonObject("rollingUpdate")
                .get("maxUnavailable")
                .getAsInt())
        .isEqualTo(1);
  }

  @Test
  void aFieldAnotherToolAppliesIsAConflictNamingItAndIsLeftAsItIs(SandboxFleetHandle sandbox) {
    ClusterApi management = sandbox.management();
    String namespace = sandbox.freshNamespace(management, "capi-conflict");
    management.applyAs("argocd-controller", topologyCluster(namespace, "owned"));
    CapiLevels levels = new CapiLevels(management);

    ClusterLevels.Written written =
        levels.write(target(namespace, "owned"), kernel("6.8.0-88-generic"), 1);

    assertThat(written).isInstanceOf(ClusterLevels.Written.Conflict.class);
    assertThat(((ClusterLevels.Written.Conflict) written).reason())
        .startsWith("Cluster " + namespace + "/owned: argocd-controller (server-side apply)")
        .contains("Fleetgate does not fight it");
    assertThat(levels.read(target(namespace, "owned"), kernel("x")))
        .isEqualTo(new ClusterLevels.Declared.Read(kernel(KERNEL)));
  }

  @Test
  void withoutATopologyTheMachineDeploymentsCarryTheVersionAndAKernelIsRefused(
      SandboxFleetHandle sandbox) {
    ClusterApi management = sandbox.management();
    String namespace = sandbox.freshNamespace(management, "capi-machines");
    management.create(
        "kubectl-create",
        Map.of(
            "apiVersion",
            "cluster.x-k8s.io/v1beta2",
            "kind",
            "Cluster",
            "metadata",
            Map.of("name", "plain", "namespace", namespace),
            "spec",
            Map.of(
                "infrastructureRef",
                Map.of(
                    "apiGroup",
                    "infrastructure.cluster.x-k8s.io",
                    "kind",
                    "AWSCluster",
                    "name",
                    "plain"))));
    for (String pool : List.of("pool-a", "pool-b")) {
      management.create(
          "kubectl-create",
          Map.of(
              "apiVersion",
              "cluster.x-k8s.io/v1beta2",
              "kind",
              "MachineDeployment",
              "metadata",
              Map.of("name", pool, "namespace", namespace),
              "spec",
              Map.of(
                  "clusterName",
                  "plain",
                  "selector",
                  Map.of(),
                  "template",
                  Map.of(
                      "spec",
                      Map.of(
                          "clusterName",
                          "plain",
                          "version",
                          "v1.34.3",
                          "bootstrap",
                          Map.of("dataSecretName", pool),
                          "infrastructureRef",
                          Map.of(
                              "apiGroup",
                              "infrastructure.cluster.x-k8s.io",
                              "kind",
                              "AWSMachineTemplate",
                              "name",
                              pool))))));
    }
    CapiLevels levels = new CapiLevels(management);
    ClusterTarget plain = target(namespace, "plain");

    assertThat(levels.read(plain, kubernetes("x")))
        .isEqualTo(new ClusterLevels.Declared.Read(kubernetes("v1.34.3")));
    assertThat(levels.write(plain, kubernetes("v1.34.4"), 3))
        .isEqualTo(new ClusterLevels.Written.Applied());
    for (String pool : List.of("pool-a", "pool-b")) {
      KubeObject deployment =
          management.get(CapiLevels.MACHINE_DEPLOYMENT, namespace, pool).orElseThrow();
      assertThat(deployment.text("spec", "template", "spec", "version")).hasValue("v1.34.4");
      assertThat(deployment.text("spec", "rollout", "strategy", "rollingUpdate", "maxUnavailable"))
          .hasValue("3");
    }
    assertThat(levels.read(plain, kernel("x")))
        .isInstanceOfSatisfying(
            ClusterLevels.Declared.Unreadable.class,
            u ->
                assertThat(u.reason())
                    .contains("has no managed topology (spec.topology)")
                    .contains("nodeKernelVersion"));
    assertThat(levels.write(plain, kernel("6.8.0-88-generic"), 1))
        .isInstanceOf(ClusterLevels.Written.Failed.class);
    assertThat(levels.read(target(namespace, "missing"), kubernetes("x")))
        .isEqualTo(
            new ClusterLevels.Declared.Unreadable(
                "the management cluster has no Cluster " + namespace + "/missing"));
  }
}
