package io.fleetgate.cluster.capi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SandboxFleetTest
class CapiDiscoveryIT {

  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");

  @Test
  void discoversWorkloadClustersThroughClusterApiObjectsAndKubeconfigSecrets(
      SandboxFleetHandle sandbox) {
    ClusterDirectory.Discovery discovery =
        new CapiClusterDirectory(sandbox.management()).discover();

    assertThat(discovery.problems()).isEmpty();
    assertThat(discovery.clusters())
        .extracting(access -> access.target().name())
        .containsExactlyInAnyOrder("beijing-prod", "guangzhou-prod", "aws-cn-north-1-prod");
    assertThat(discovery.clusters())
        .allSatisfy(
            access -> {
              assertThat(access.target().phase()).isEqualTo(ClusterPhase.PROVISIONED);
              assertThat(access.target().labels())
                  .containsKeys("provider", "region", "env", "tier");
              assertThat(access.kubeconfig().source()).startsWith("Secret fleet/");
            });
    assertThat(discovery.clusters())
        .extracting(access -> access.target().label("provider"))
        .containsExactlyInAnyOrder("alibaba", "vsphere", "aws");
  }

  @Test
  void serverSideAppliesAConfigMapToEveryDiscoveredClusterAndReadsItBack(
      SandboxFleetHandle sandbox) {
    KubeClients clients = new KubeClients(KubeconfigPolicy.strict());
    for (ClusterAccess access :
        new CapiClusterDirectory(sandbox.management()).discover().clusters()) {
      ClusterApi cluster = clients.api(access.kubeconfig());
      String namespace = sandbox.freshNamespace(cluster, "discovery");

      cluster.apply(
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              "ConfigMap",
              "metadata",
              Map.of("name", "fleet-identity", "namespace", namespace),
              "data",
              Map.of("cluster", access.target().name())));

      KubeObject stored = cluster.get(CONFIG_MAP, namespace, "fleet-identity").orElseThrow();
      assertThat(stored.at("data", "cluster").orElseThrow().getAsString())
          .isEqualTo(access.target().name());
      assertThat(stored.at("metadata", "managedFields").orElseThrow().toString())
          .contains("\"manager\":\"" + ClusterApi.FIELD_MANAGER + "\"")
          .contains("\"operation\":\"Apply\"");
    }
  }

  @Test
  void eachKubeconfigReachesItsOwnClusterOnly(SandboxFleetHandle sandbox) {
    KubeClients clients = new KubeClients(KubeconfigPolicy.strict());
    var clusters = new CapiClusterDirectory(sandbox.management()).discover().clusters();
    ClusterApi first = clients.api(clusters.get(0).kubeconfig());
    String namespace = sandbox.freshNamespace(first, "isolation");
    first.apply(
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Map.of("name", "only-here", "namespace", namespace)));

    for (ClusterAccess other : clusters.subList(1, clusters.size())) {
      ClusterApi api = clients.api(other.kubeconfig());
      assertThat(api.get(CONFIG_MAP, namespace, "only-here")).isEmpty();
    }
  }
}
