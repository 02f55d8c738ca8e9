package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.testing.OpenReportsCrds;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenReports objects Fleetgate writes are accepted by a real API server with the OpenReports
 * CRDs.
 */
@SandboxFleetTest
class OpenReportsIT {

  private static final GroupVersionKind REPORT =
      new GroupVersionKind("openreports.io", "v1alpha1", "Report");

  @Test
  void reportsAreAcceptedByTheOpenReportsCrdAndReadBack(
      SandboxFleetHandle sandbox, @TempDir Path data) throws Exception {
    AuditHistories.dayOne(data);
    AuditHistories.dayTwo(data);
    ComplianceReport report = AuditHistories.report(data, null);
    ClusterApi cluster = sandbox.cluster("beijing-prod");
    OpenReportsCrds.install(cluster);
    String namespace = sandbox.freshNamespace(cluster, "openreports");

    List<Map<String, Object>> reports = OpenReports.reports(report);
    assertThat(reports).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) reports.getFirst().get("metadata");
    metadata.put("namespace", namespace);
    cluster.apply(reports.getFirst());

    var stored = cluster.get(REPORT, namespace, "fleetgate-policy").orElseThrow();
    assertThat(stored.at("summary", "fail").orElseThrow().getAsInt()).isEqualTo(1);
    assertThat(stored.at("summary", "skip").orElseThrow().getAsInt()).isEqualTo(1);
    assertThat(stored.at("results").orElseThrow().getAsJsonArray()).hasSize(2);
    assertThat(stored.at("results").orElseThrow().toString())
        .contains("privileged_containers")
        .contains("PCI-DSS-v4.0:7.2.1")
        .contains("Ana Operator");
  }
}
