package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupVersionKindTest {

  @ParameterizedTest
  @CsvSource({
    "v1, ConfigMap, '', v1",
    "apps/v1, Deployment, apps, v1",
    "cluster.x-k8s.io/v1beta2, Cluster, cluster.x-k8s.io, v1beta2",
  })
  void splitsApiVersionIntoGroupAndVersion(
      String apiVersion, String kind, String group, String version) {
    GroupVersionKind gvk = GroupVersionKind.of(apiVersion, kind);

    assertThat(gvk.group()).isEqualTo(group);
    assertThat(gvk.version()).isEqualTo(version);
    assertThat(gvk.apiVersion()).isEqualTo(apiVersion);
  }
}
