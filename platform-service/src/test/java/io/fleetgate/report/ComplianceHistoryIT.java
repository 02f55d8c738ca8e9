package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.cli.CliRun;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.sync.SyncOptions;
import io.fleetgate.sync.SyncReport;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.OpenReportsCrds;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted history on the sandbox fleet — the clean example fleet, a commit that violates, one
 * that waives, the waiver expiring, a fix — synced on five fixed days; the audit report must count
 * exactly what happened, the clusters must hold the matching OpenReports, and an audit row altered
 * in SQLite must be caught by {@code fleetgate audit verify} and shown in the report.
 */
@SandboxFleetTest(dedicated = true, clusters = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComplianceHistoryIT {

  private static final Instant DAY_0 = Instant.parse("2026-11-01T09:00:00Z");
  private static final Instant DAY_1 = Instant.parse("2026-11-02T09:00:00Z");
  private static final Instant DAY_2 = Instant.parse("2026-11-03T09:00:00Z");
  private static final Instant DAY_3 = Instant.parse("2026-11-04T09:00:00Z");
  private static final Instant DAY_4 = Instant.parse("2026-11-05T09:00:00Z");
  private static final GroupVersionKind REPORT =
      new GroupVersionKind("openreports.io", "v1alpha1", "Report");
  private static final GroupVersionKind CLUSTER_REPORT =
      new GroupVersionKind("openreports.io", "v1alpha1", "ClusterReport");
  private static final String BEIJING = "beijing-prod";
  private static final List<String> PAYMENTS_CLUSTERS = List.of(BEIJING, "guangzhou-prod");

  private static final String LEAKY_CONFIG =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: db
        namespace: payments
      data:
        DB_HOST: db.payments.svc
        DB_PASSWORD: hunter2
      """;

  @TempDir static Path work;
  private static FleetRepo repo;
  private static Path data;
  private static String violating;
  private static String waiving;
  private static long evaluations;

  @BeforeAll
  static void seed() {
    repo = FleetRepo.seed(work.resolve("fleet"));
    data = work.resolve("data");
  }

  @Test
  @Order(1)
  void aViolatingCommitIsBlockedOnEveryPaymentsClusterAndReportedInTheCluster(
      SandboxFleetHandle sandbox) throws Exception {
    OpenReportsCrds.install(sandbox.cluster(BEIJING));
    assertThat(sync(sandbox, DAY_0).converged()).as("the example fleet, clean").isTrue();
    repo.write("bundles/payments/db-config.yaml", LEAKY_CONFIG);
    violating = repo.commit("Database settings for payments", "Ana Operator", "ana@example.com");

    SyncReport report = sync(sandbox, DAY_1);

    assertThat(denied(report)).containsExactlyElementsOf(PAYMENTS_CLUSTERS);
    KubeObject payments =
        sandbox.cluster(BEIJING).get(REPORT, "payments", "fleetgate-policy").orElseThrow();
    assertThat(payments.at("summary", "fail").orElseThrow().getAsInt()).isEqualTo(1);
    assertThat(payments.at("results").orElseThrow().toString())
        .contains("secrets_in_config")
        .contains("PCI-DSS-v4.0:8.3.2")
        .contains("bundles/payments/db-config.yaml:1")
        .doesNotContain("hunter2");
    assertThat(sandbox.cluster(BEIJING).get(CLUSTER_REPORT, null, "fleetgate-policy"))
        .as("cluster-scoped objects (namespaces, cluster roles) have their own report")
        .hasValueSatisfying(
            r -> assertThat(r.at("summary", "pass").orElseThrow().getAsInt()).isPositive());
  }

  @Test
  @Order(2)
  void aWaiverLetsTheCommitThroughAsWaived(SandboxFleetHandle sandbox) throws Exception {
    repo.write(
        "waivers.yaml",
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: WaiverList
        waivers:
          - policy: secrets_in_config
            object: ConfigMap payments/db
            owner: payments-team
            reason: The password moves to a Secret with PAY-321
            expires: 2026-11-03
        """);
    waiving = repo.commit("Waive the db password until PAY-321", "Ben Reviewer", "ben@example.com");

    SyncReport report = sync(sandbox, DAY_2);

    assertThat(report.converged()).isTrue();
    KubeObject payments =
        sandbox.cluster(BEIJING).get(REPORT, "payments", "fleetgate-policy").orElseThrow();
    assertThat(payments.at("summary", "fail").orElseThrow().getAsInt()).isZero();
    assertThat(payments.at("summary", "skip").orElseThrow().getAsInt()).isEqualTo(1);
    assertThat(payments.at("results").orElseThrow().toString()).contains("payments-team");
  }

  @Test
  @Order(3)
  void theExpiredWaiverStopsApplyingTheNextDay(SandboxFleetHandle sandbox) throws Exception {
    SyncReport report = sync(sandbox, DAY_3);

    assertThat(denied(report)).containsExactlyElementsOf(PAYMENTS_CLUSTERS);
    assertThat(report.revision().commit()).isEqualTo(waiving);
  }

  @Test
  @Order(4)
  void theFixIsAppliedAndTheClusterReportPasses(SandboxFleetHandle sandbox) throws Exception {
    repo.write(
            "bundles/payments/db-config.yaml", LEAKY_CONFIG.replace("  DB_PASSWORD: hunter2\n", ""))
        .delete("waivers.yaml");
    repo.commit("Move the db password to a Secret (PAY-321)", "Ana Operator", "ana@example.com");

    SyncReport report = sync(sandbox, DAY_4);

    assertThat(report.converged()).isTrue();
    KubeObject payments =
        sandbox.cluster(BEIJING).get(REPORT, "payments", "fleetgate-policy").orElseThrow();
    assertThat(payments.at("summary", "fail").orElseThrow().getAsInt()).isZero();
    assertThat(payments.at("summary", "skip").orElseThrow().getAsInt()).isZero();
  }

  @Test
  @Order(5)
  void theReportCountsExactlyWhatHappened() throws Exception {
    ComplianceReport report = report();

    assertThat(report.evaluations()).isEqualTo(evaluations);
    assertThat(report.passes())
        .as("the clean AWS cluster has evidence too: every object passed at the latest commit")
        .filteredOn(p -> p.cluster().equals("aws-cn-north-1-prod"))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.source()).isNotBlank());
    assertThat(report.evidence())
        .extracting(
            e ->
                LocalDate.ofInstant(e.time(), ZoneOffset.UTC)
                    + " "
                    + e.commit().substring(0, 7)
                    + " "
                    + e.author()
                    + " "
                    + e.cluster()
                    + " "
                    + e.object()
                    + " "
                    + e.policy()
                    + " "
                    + e.decision()
                    + " "
                    + e.outcome())
        .containsExactlyInAnyOrder(
            "2026-11-02 "
                + shortly(violating)
                + " Ana Operator <ana@example.com> beijing-prod ConfigMap payments/db secrets_in_config denied blocked",
            "2026-11-02 "
                + shortly(violating)
                + " Ana Operator <ana@example.com> guangzhou-prod ConfigMap payments/db secrets_in_config denied blocked",
            "2026-11-03 "
                + shortly(waiving)
                + " Ben Reviewer <ben@example.com> beijing-prod ConfigMap payments/db secrets_in_config waived applied",
            "2026-11-03 "
                + shortly(waiving)
                + " Ben Reviewer <ben@example.com> guangzhou-prod ConfigMap payments/db secrets_in_config waived applied",
            "2026-11-04 "
                + shortly(waiving)
                + " Ben Reviewer <ben@example.com> beijing-prod ConfigMap payments/db secrets_in_config denied blocked",
            "2026-11-04 "
                + shortly(waiving)
                + " Ben Reviewer <ben@example.com> guangzhou-prod ConfigMap payments/db secrets_in_config denied blocked");
    assertThat(report.evidence().get(4).message()).contains("expired on 2026-11-03");
    for (String control : List.of("PCI-DSS-v4.0:8.3.2", "PCI-DSS-v4.0:3.5.1")) {
      var summary =
          report.controls().stream()
              .filter(c -> c.control().equals(control))
              .findFirst()
              .orElseThrow();
      assertThat(summary.failed()).as(control).isEqualTo(4);
      assertThat(summary.waived()).as(control).isEqualTo(2);
      // Every evaluation passed but those of the db ConfigMap on the two clusters under the two
      // commits that carried the password.
      assertThat(summary.passed()).as(control).isEqualTo(evaluations - 4);
    }
    assertThat(report.controls())
        .filteredOn(
            c ->
                !c.control().equals("PCI-DSS-v4.0:8.3.2")
                    && !c.control().equals("PCI-DSS-v4.0:3.5.1"))
        .allSatisfy(c -> assertThat(c.failed() + c.waived()).as(c.control()).isZero());
    assertThat(report.trend())
        .extracting(d -> d.day() + " " + d.failed() + " " + d.waived())
        .containsExactly(
            "2026-11-01 0 0",
            "2026-11-02 2 0",
            "2026-11-03 0 2",
            "2026-11-04 2 0",
            "2026-11-05 0 0");
    assertThat(report.chain().intact()).isTrue();
  }

  @Test
  @Order(6)
  void anAlteredAuditRowIsCaughtByVerifyAndShownInTheReport() throws Exception {
    assertThat(cli("audit", "verify", "--data-dir", data.toString()).code()).isZero();
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var statement = connection.createStatement()) {
      assertThat(
              statement.executeUpdate(
                  "UPDATE audit_log SET decision = 'waived' WHERE sequence = (SELECT MIN(sequence)"
                      + " FROM audit_log WHERE decision = 'denied')"))
          .isEqualTo(1);
    }

    CliRun verify = cli("audit", "verify", "--data-dir", data.toString());
    Path html = work.resolve("report.html");
    CliRun written =
        cli(
            "audit-report",
            "--data-dir",
            data.toString(),
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-06",
            "--format",
            "html",
            "--out",
            html.toString());

    assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(1);
    assertThat(verify.out() + verify.err()).contains("altered");
    assertThat(written.code())
        .as("a report over a broken chain says so in its exit code")
        .isEqualTo(1);
    assertThat(Files.readString(html)).contains("Audit log tampered with").contains("altered");
  }

  private static String shortly(String commit) {
    return commit.substring(0, 7);
  }

  private static List<String> denied(SyncReport report) {
    return report.outcomes().stream()
        .filter(o -> o instanceof io.fleetgate.sync.ClusterOutcome.Denied)
        .map(io.fleetgate.sync.ClusterOutcome::cluster)
        .toList();
  }

  /** Syncs as if on that day, adding what it evaluated to the expected total. */
  private static SyncReport sync(SandboxFleetHandle sandbox, Instant day) throws Exception {
    try (SyncSetup setup =
        SyncSetup.open(
            new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                sandbox.managementKubeconfig(),
                data,
                SyncSetup.Engine.WASM,
                null),
            Clock.fixed(day, ZoneOffset.UTC))) {
      SyncReport report = setup.engine().syncOnce(SyncOptions.all());
      evaluations += renderedObjects(report);
      return report;
    }
  }

  /** Each cluster's last decisions: commit and findings, as the test saw them. */
  private static final java.util.Map<String, String> lastDecisions = new java.util.HashMap<>();

  /**
   * Objects rendered per cluster, counted from the render rather than the audit log — for the
   * clusters whose decisions changed: a sync of an unchanged commit with unchanged findings is not
   * evaluated evidence again.
   */
  private static long renderedObjects(SyncReport report) throws java.io.IOException {
    var renderer = new io.fleetgate.render.Renderer(io.fleetgate.render.ManifestLimits.defaults());
    var loaded = renderer.load(repo.dir());
    long total = 0;
    for (var target : io.fleetgate.validate.RepoClusters.in(repo.dir())) {
      var outcome =
          report.outcomes().stream().filter(o -> o.cluster().equals(target.name())).findFirst();
      if (outcome.isPresent()
          && !decisions(report, outcome.get()).equals(lastDecisions.get(target.name()))) {
        lastDecisions.put(target.name(), decisions(report, outcome.get()));
        total += renderer.render(loaded, target).objects().size();
      }
    }
    return total;
  }

  private static String decisions(SyncReport report, io.fleetgate.sync.ClusterOutcome outcome) {
    StringBuilder text = new StringBuilder(report.revision().commit());
    outcome
        .gate()
        .ifPresent(
            gate ->
                gate.verdicts()
                    .forEach(
                        v ->
                            text.append(v.object().ref())
                                .append(v.decision().denials())
                                .append(v.decision().warnings())
                                .append(v.waived().size())));
    return text.toString();
  }

  private static ComplianceReport report() throws Exception {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC());
        SqliteStore verifier = SqliteStore.open(data, Clock.systemUTC())) {
      return new ReportBuilder(store.history(), verifier, PolicyCatalog.builtIn())
          .build(
              new ComplianceReport.Scope(
                  Instant.parse("2026-11-01T00:00:00Z"),
                  Instant.parse("2026-11-06T00:00:00Z"),
                  null,
                  null,
                  Instant.now()));
    }
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
