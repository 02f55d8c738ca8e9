package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.Finding;
import io.fleetgate.policy.GateResult;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.policy.PolicyDecision;
import io.fleetgate.policy.Waiver;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveReportsTest {

  private static final PolicyCatalog CATALOG =
      new PolicyCatalog(
          Map.of(
              "secrets_in_config",
              new PolicyCatalog.Entry(
                  "secrets_in_config", "t", "d", List.of("PCI-DSS-v4.0:8.3.2"), "critical", "r")));

  private static RenderedObject object(String kind, String namespace, String name) {
    return new RenderedObject(
        new ObjectRef("", kind, namespace, name),
        "payments",
        Map.of(),
        new SourceLocation("bundles/payments/" + name + ".yaml", 1));
  }

  private static GateResult gate() {
    Finding secret = new Finding("secrets_in_config", "ConfigMap payments/db: key DB_PASSWORD");
    Waiver waiver =
        new Waiver(
            "secrets_in_config",
            "ConfigMap payments/old",
            List.of(),
            "payments-team",
            "PAY-1",
            LocalDate.parse("2026-12-31"),
            new SourceLocation("waivers.yaml", 4));
    return new GateResult(
        List.of(
            new GateResult.Verdict(
                object("ConfigMap", "payments", "db"),
                new PolicyDecision(List.of(secret), List.of(new Finding("ownership_labels", "w"))),
                false),
            new GateResult.Verdict(
                object("ConfigMap", "payments", "old"),
                new PolicyDecision(List.of(), List.of()),
                false,
                List.of(new GateResult.WaivedFinding(secret, waiver))),
            new GateResult.Verdict(
                object("Namespace", "", "payments"),
                new PolicyDecision(List.of(), List.of()),
                false)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void oneReportPerNamespaceAndOneForClusterScopedObjects() {
    List<Map<String, Object>> reports = LiveReports.of("beijing-prod", "abc123", gate(), CATALOG);

    assertThat(reports).extracting(r -> r.get("kind")).containsExactly("ClusterReport", "Report");
    Map<String, Object> payments = reports.get(1);
    assertThat((Map<String, Object>) payments.get("metadata"))
        .containsEntry("name", "fleetgate-policy")
        .containsEntry("namespace", "payments");
    assertThat((Map<String, Long>) payments.get("summary"))
        .containsEntry("fail", 1L)
        .containsEntry("warn", 1L)
        .containsEntry("skip", 1L)
        .containsEntry("pass", 0L);
    List<Map<String, Object>> results = (List<Map<String, Object>>) payments.get("results");
    assertThat(results.getFirst())
        .containsEntry("policy", "secrets_in_config")
        .containsEntry("result", "fail")
        .containsEntry("severity", "critical")
        .containsEntry("category", "PCI-DSS-v4.0:8.3.2")
        .doesNotContainKey("timestamp");
    assertThat((Map<String, String>) results.get(2).get("properties"))
        .containsEntry("waivedBy", "payments-team")
        .containsEntry("waivedUntil", "2026-12-31");
    Map<String, Object> cluster = reports.getFirst();
    assertThat((Map<String, Object>) cluster.get("metadata")).doesNotContainKey("namespace");
    assertThat((Map<String, Long>) cluster.get("summary")).containsEntry("pass", 1L);
  }

  @Test
  void theSameDecisionsGiveTheSameObjects() {
    assertThat(LiveReports.of("beijing-prod", "abc123", gate(), CATALOG))
        .isEqualTo(LiveReports.of("beijing-prod", "abc123", gate(), CATALOG));
  }
}
