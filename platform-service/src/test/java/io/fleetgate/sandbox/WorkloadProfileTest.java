package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadProfileTest {

  @Test
  void theFirstThreeClustersAreTheExampleFleetOnThreeProviders() {
    assertThat(WorkloadProfile.fleetOf(3))
        .extracting(WorkloadProfile::name, WorkloadProfile::provider)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("beijing-prod", "alibaba"),
            org.assertj.core.groups.Tuple.tuple("guangzhou-prod", "vsphere"),
            org.assertj.core.groups.Tuple.tuple("aws-cn-north-1-prod", "aws"));
  }

  @Test
  void largerFleetsAddUniquelyNamedEdgeClusters() {
    assertThat(WorkloadProfile.fleetOf(5))
        .extracting(WorkloadProfile::name)
        .doesNotHaveDuplicates()
        .contains("edge-04", "edge-05");
  }

  @Test
  void labelsCarryProviderRegionEnvAndTier() {
    assertThat(WorkloadProfile.fleetOf(1).getFirst().labels())
        .containsEntry("provider", "alibaba")
        .containsEntry("region", "cn-beijing")
        .containsEntry("env", "prod")
        .containsEntry("tier", "payments");
  }

  @Test
  void refusesAnEmptyFleet() {
    assertThatThrownBy(() -> WorkloadProfile.fleetOf(0)).isInstanceOf(SandboxException.class);
  }
}
