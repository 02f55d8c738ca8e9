package io.fleetgate.argocd.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterLabelsTest {

  @ParameterizedTest
  @CsvSource({
    "env, true",
    "cluster.x-k8s.io/provider, true",
    "topology.example.com/region, true",
    "a_b.c-d, true",
    "'', false",
    "/env, false",
    "Example.com/env, false",
    "env/, false",
    "-env, false",
    "bad key, false",
    "a/b/c, false"
  })
  void keys(String key, boolean valid) {
    assertThat(ClusterLabels.validKey(key)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"prod, true", "'', true", "cn-north_1.a, true", "-x, false", "x y, false"})
  void values(String value, boolean valid) {
    assertThat(ClusterLabels.validValue(value)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "app.kubernetes.io/managed-by, true",
    "fleetgate.io/cluster-name, true",
    "fleetgate.io/anything, true",
    "argocd.argoproj.io/secret-type, true",
    "app.kubernetes.io/name, false",
    "env, false"
  })
  void reservedKeys(String key, boolean reserved) {
    assertThat(ClusterLabels.reserved(key)).isEqualTo(reserved);
  }
}
