package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCatalogTest {

  @Test
  void namesPackagesAsTheirFindingsDo() {
    assertThat(PolicyCatalog.policyName("fleetgate.kubernetes.image_pinned"))
        .isEqualTo("image_pinned");
    assertThat(PolicyCatalog.policyName("fleetgate.changeset.cde_reachability"))
        .isEqualTo("cde_reachability");
    assertThat(PolicyCatalog.policyName("fleetgate.custom.team_labels"))
        .isEqualTo("custom.team_labels");
    assertThat(PolicyCatalog.policyName("main")).isEqualTo("main");
    assertThat(PolicyCatalog.policyName("fleetgate.lib.workload")).isNull();
  }

  @Test
  void theFleetsOwnEntriesJoinTheBuiltInOnes() throws Exception {
    PolicyCatalog builtIn = PolicyCatalog.builtIn();
    String inspection =
        """
        {"annotations": [{"path": [{"value": "data"}, {"value": "main"}],
          "annotations": {"scope": "package", "title": "Team labels",
            "custom": {"controls": ["ACME-OPS-7"], "severity": "high", "remediation": "Label it."}}}]}
        """;

    PolicyCatalog merged = builtIn.with(PolicyCatalog.fromInspection(inspection.getBytes()));

    assertThat(merged.entry("main"))
        .isEqualTo(
            new PolicyCatalog.Entry(
                "main", "Team labels", "", List.of("ACME-OPS-7"), "high", "Label it."));
    assertThat(merged.entry("image_pinned")).isEqualTo(builtIn.entry("image_pinned"));
    assertThat(new PolicyCatalog(Map.of()).entry("custom.x").severity()).isEqualTo("medium");
  }
}
