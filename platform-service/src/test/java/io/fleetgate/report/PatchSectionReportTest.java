package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodePatchLevel;
import io.fleetgate.patch.NodeReadiness;
import io.fleetgate.patch.PatchMatrix;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.patch.MatrixPart;
import io.fleetgate.report.patch.MatrixReader;
import io.fleetgate.rollout.RolloutEvent;
import io.fleetgate.rollout.RolloutEvent.Kind;
import io.fleetgate.rollout.run.RolloutAudit;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's patch section over rollout rows written by the real store as {@link RolloutAudit}
 * writes them, with a matrix given by hand.
 */
class PatchSectionReportTest {

  private static final Instant DAY = Instant.parse("2026-11-20T10:00:00Z");
  private static final String AWS = "fleet/aws-cn-north-1-prod";
  private static final String BEIJING = "fleet/beijing-prod";
  private static final PatchTarget TARGET = new PatchTarget(null, "6.8.0-88-generic", null);

  @TempDir Path data;

  @BeforeEach
  void rollout() {
    AuditHistories.dayOne(data);
    List<RolloutEvent> first =
        List.of(
            new RolloutEvent(Kind.STARTED, "", "", "by token ana"),
            new RolloutEvent(Kind.WAVE_STARTED, "canary", "", "1 cluster(s), every gate open"),
            new RolloutEvent(
                Kind.CLUSTER_PATCHING,
                "canary",
                AWS,
                "to kernel 6.8.0-88-generic from kernel 6.8.0-51-generic"));
    List<RolloutEvent> later =
        List.of(
            new RolloutEvent(Kind.CLUSTER_DONE, "canary", AWS, "3 node(s) on the target"),
            new RolloutEvent(Kind.WAVE_DONE, "canary", "", "every cluster on the target"),
            new RolloutEvent(Kind.APPROVED, "beijing", "", "by token ana for change-board"),
            new RolloutEvent(Kind.CLUSTER_PATCHING, "beijing", BEIJING, "to kernel 6.8.0-88"),
            new RolloutEvent(
                Kind.CLUSTER_FAILED, "beijing", BEIJING, "node beijing-prod-worker-2 not Ready"),
            new RolloutEvent(
                Kind.HALTED, "beijing", "", "fleet/beijing-prod: node beijing-prod-worker-2"));
    append(DAY, RolloutAudit.of("kernel-nov", "c1", first));
    append(DAY.plusSeconds(134), RolloutAudit.of("kernel-nov", "c1", later));
  }

  private void append(Instant at, List<AuditEvent> events) {
    try (SqliteStore store = SqliteStore.open(data, Clock.fixed(at, ZoneOffset.UTC))) {
      store.append(events);
    }
  }

  private static MatrixReader matrix() {
    NodePatchLevel current =
        new NodePatchLevel(
            AWS,
            "aws-1",
            "v1.34.2",
            "6.8.0-88-generic",
            "Ubuntu 24.04.3 LTS",
            "",
            NodeReadiness.READY,
            true);
    NodePatchLevel behind =
        new NodePatchLevel(
            AWS,
            "aws-2",
            "v1.34.2",
            "6.8.0-51-generic",
            "Ubuntu 24.04.1 LTS",
            "",
            NodeReadiness.READY,
            false);
    PatchMatrix matrix =
        PatchMatrix.of(
            List.of(
                NodeListing.listed(AWS, List.of(current, behind)),
                NodeListing.unreachable(BEIJING, "connection refused")),
            TARGET,
            List.of());
    return () ->
        new MatrixPart.Read(matrix, "the target of rollout kernel-nov", DAY.plusSeconds(600));
  }

  private ComplianceReport report(MatrixReader matrix, String cluster, String control)
      throws Exception {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      return new ReportBuilder(store.history(), store, PolicyCatalog.builtIn(), matrix)
          .build(
              new ComplianceReport.Scope(
                  Instant.parse("2026-11-01T00:00:00Z"),
                  Instant.parse("2026-12-01T00:00:00Z"),
                  cluster,
                  control,
                  Instant.parse("2026-11-24T00:00:00Z")));
    }
  }

  private static byte[] bytes(ComplianceReport report, AuditReportFormat format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(report, out);
    return out.toByteArray();
  }

  @Test
  void jsonCarriesTheMatrixAndEveryStepOfTheRollout() throws Exception {
    JsonNode patches =
        new ObjectMapper()
            .readTree(bytes(report(matrix(), null, null), AuditReportFormat.JSON))
            .path("patches");

    assertThat(patches.path("included").asBoolean()).isTrue();
    assertThat(patches.path("requirement").asText()).isEqualTo("PCI-DSS-v4.0:6.3.3");
    JsonNode matrix = patches.path("matrix");
    assertThat(matrix.path("read").asBoolean()).isTrue();
    assertThat(matrix.at("/target/kernelVersion").asText()).isEqualTo("6.8.0-88-generic");
    assertThat(matrix.at("/target/source").asText()).isEqualTo("the target of rollout kernel-nov");
    assertThat(matrix.at("/clusters/0/cluster").asText()).isEqualTo(AWS);
    assertThat(matrix.at("/clusters/0/nodes").asInt()).isEqualTo(2);
    assertThat(matrix.at("/clusters/0/upToDate").asInt()).isEqualTo(1);
    assertThat(matrix.at("/clusters/0/levels/0/cordoned").asInt()).isEqualTo(1);
    assertThat(matrix.at("/clusters/1/state").asText()).isEqualTo("unreachable");
    assertThat(matrix.at("/clusters/1/reason").asText()).isEqualTo("connection refused");
    assertThat(matrix.at("/clusters/1/nodes").isMissingNode()).isTrue();
    JsonNode rollout = patches.at("/rollouts/0");
    assertThat(rollout.path("rollout").asText()).isEqualTo("kernel-nov");
    assertThat(rollout.path("state").asText()).isEqualTo("halted");
    assertThat(rollout.path("started").asText()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(rollout.path("startedBy").asText()).isEqualTo("token ana");
    assertThat(rollout.at("/waves/0/seconds").asLong()).isEqualTo(134);
    assertThat(rollout.at("/clusters/0/outcome").asText()).isEqualTo("done");
    assertThat(rollout.at("/clusters/0/seconds").asLong()).isEqualTo(134);
    assertThat(rollout.at("/clusters/1/outcome").asText()).isEqualTo("failed");
    assertThat(rollout.at("/clusters/1/detail").asText())
        .isEqualTo("node beijing-prod-worker-2 not Ready");
    assertThat(rollout.at("/approvals/0/by").asText()).isEqualTo("token ana");
    assertThat(rollout.at("/approvals/0/group").asText()).isEqualTo("change-board");
    assertThat(rollout.at("/interruptions/0/kind").asText()).isEqualTo("halted");
    assertThat(rollout.path("steps").size()).isEqualTo(9);
  }

  @Test
  void anUnreadableManagementClusterLeavesTheHistoryAndSaysSo() throws Exception {
    ComplianceReport report =
        report(MatrixReader.none("the management cluster could not be read (refused)"), null, null);

    JsonNode patches =
        new ObjectMapper().readTree(bytes(report, AuditReportFormat.JSON)).path("patches");
    assertThat(patches.at("/matrix/read").asBoolean()).isFalse();
    assertThat(patches.at("/matrix/reason").asText())
        .isEqualTo("the management cluster could not be read (refused)");
    assertThat(patches.at("/matrix/clusters").isMissingNode()).isTrue();
    assertThat(patches.at("/rollouts/0/clusters").size()).isEqualTo(2);
    String html = new String(bytes(report, AuditReportFormat.HTML), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<b>Not read:</b> the management cluster could not be read (refused)")
        .contains("kernel-nov");
  }

  @Test
  void htmlAndPdfNameTheRequirementAndShowUnreachableAsUnknown() throws Exception {
    ComplianceReport report = report(matrix(), null, null);

    String html = new String(bytes(report, AuditReportFormat.HTML), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("Patch evidence (PCI-DSS-v4.0:6.3.3)")
        .contains("is for the assessor to judge")
        .contains(
            "<td class=\"n\">unknown</td><td colspan=\"7\"><b>Unreachable:</b> connection refused")
        .contains("Judged against <b>kernel 6.8.0-88-generic</b>")
        .contains("wave beijing by token ana for group change-board")
        .contains("2 min 14 s")
        .doesNotContain("<script");
    try (var pdf = Loader.loadPDF(bytes(report, AuditReportFormat.PDF))) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text)
          .contains("Patch evidence (PCI-DSS-v4.0:6.3.3)")
          .contains("kernel-nov")
          .contains("Unreachable: connection refused");
    }
  }

  @Test
  void aReportOnAnotherControlLeavesThePatchSectionOut() throws Exception {
    ComplianceReport other = report(matrix(), null, "PCI-DSS-v4.0:7.2.1");
    ComplianceReport patches = report(matrix(), null, "PCI-DSS-v4.0:6.3.3");

    assertThat(
            new ObjectMapper()
                .readTree(bytes(other, AuditReportFormat.JSON))
                .at("/patches/included")
                .asBoolean())
        .isFalse();
    assertThat(new String(bytes(other, AuditReportFormat.HTML), StandardCharsets.UTF_8))
        .doesNotContain("Patch evidence");
    assertThat(patches.patch())
        .isInstanceOfSatisfying(
            io.fleetgate.report.patch.PatchSection.Included.class,
            p -> assertThat(p.rollouts()).hasSize(1));
  }

  @Test
  void aClusterReportKeepsTheRolloutsOwnRowsAndThatClusterOnly() throws Exception {
    JsonNode patches =
        new ObjectMapper()
            .readTree(bytes(report(matrix(), "beijing-prod", null), AuditReportFormat.JSON))
            .path("patches");

    assertThat(patches.at("/matrix/clusters").size()).isEqualTo(1);
    assertThat(patches.at("/matrix/clusters/0/cluster").asText()).isEqualTo(BEIJING);
    JsonNode rollout = patches.at("/rollouts/0");
    assertThat(rollout.path("clusters").size()).isEqualTo(1);
    assertThat(rollout.at("/clusters/0/cluster").asText()).isEqualTo(BEIJING);
    assertThat(rollout.path("startedBy").asText()).isEqualTo("token ana");
  }

  @Test
  void rowsOutsideThePeriodAreNotInTheSection() throws Exception {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      ComplianceReport report =
          new ReportBuilder(store.history(), store, PolicyCatalog.builtIn(), matrix())
              .build(
                  new ComplianceReport.Scope(
                      DAY.plusSeconds(100), DAY.plusSeconds(200), null, null, DAY));
      var section = (io.fleetgate.report.patch.PatchSection.Included) report.patch();
      var history = section.rollouts().getFirst();
      assertThat(history.started()).isNull();
      assertThat(history.steps()).hasSize(6);
    }
  }
}
