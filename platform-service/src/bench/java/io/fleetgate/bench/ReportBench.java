package io.fleetgate.bench;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.domain.Revision;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.AuditReportFormat;
import io.fleetgate.report.ComplianceReport;
import io.fleetgate.report.ReportBuilder;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Audit reports over 1,000,000 audit rows (policy findings over 30 days, 3 clusters), against the
 * baseline of SQLite scanning the same rows and nothing else.
 */
final class ReportBench {

  private static final int ROWS = Size.of(1_000_000, 10_000);
  private static final String[] POLICIES = {
    "privileged_containers",
    "image_pinned",
    "resource_limits",
    "secrets_in_config",
    "pod_security_context"
  };
  private static final String[] CLUSTERS = {
    "beijing-prod", "guangzhou-prod", "aws-cn-north-1-prod"
  };

  private ReportBench() {}

  static void run() throws Exception {
    Path data = Files.createTempDirectory("fleetgate-bench-report");
    Instant start = SEEDED_FROM;
    double seeded = seed(data, ROWS);

    long scanStart = System.nanoTime();
    long scanned = 0;
    long scannedRows = 0;
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStore.FILE));
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT a.sequence, a.time, a.cluster, a.commit_id, r.author, a.object, a.decision, a.detail FROM audit_log a LEFT JOIN revisions r ON r.commit_id = a.commit_id WHERE a.kind = 'policy' ORDER BY a.sequence")) {
      while (rows.next()) {
        scanned += rows.getString(8).length();
        scannedRows++;
      }
    }
    if (scannedRows != 30L * (ROWS / 30)) {
      throw new IllegalStateException(
          "the baseline scan read " + scannedRows + " rows, not " + 30L * (ROWS / 30));
    }
    double scan = (System.nanoTime() - scanStart) / 1e9;

    double html = time(data, start, AuditReportFormat.HTML);
    double sarif = time(data, start, AuditReportFormat.SARIF);
    double[] parts = parts(data, start);
    Report.line("");
    Report.line(
        "### Audit reports over %,d audit rows (30 days, 3 clusters; seeded in %.0f s)"
            .formatted(ROWS, seeded));
    Report.line("");
    Report.line("| | seconds |");
    Report.line("|---|---|");
    Report.line(
        "| Fleetgate audit-report, HTML (verify chain, build, write) | %.1f |".formatted(html));
    Report.line(
        "| Fleetgate audit-report, SARIF (verify chain, build, write) | %.1f |".formatted(sarif));
    Report.line(
        "| baseline: SQLite scanning the same rows with the same join, nothing else | %.1f |"
            .formatted(scan));
    Report.line("");
    Report.line(
        "HTML / scan **%.1f×**, SARIF / scan **%.1f×** (%d bytes of details scanned)."
            .formatted(html / scan, sarif / scan, scanned));
    Report.line(
        "Apart: chain verification %.1f s, building the report %.1f s, writing SARIF %.1f s."
            .formatted(parts[0], parts[1], parts[2]));
  }

  /** The first day of the seeded audit history (30 days). */
  static final Instant SEEDED_FROM = Instant.parse("2026-10-25T00:00:00Z");

  /**
   * Writes {@code rows} policy rows (30 days, 3 clusters, 5 authors) through the real store into
   * the data directory; returns the seconds it took.
   */
  static double seed(Path data, int rows) throws Exception {
    Instant start = SEEDED_FROM;
    long began = System.nanoTime();
    for (int day = 0; day < 30; day++) {
      Instant when = start.plus(Duration.ofDays(day));
      try (SqliteStore store = SqliteStore.open(data, Clock.fixed(when, ZoneOffset.UTC))) {
        String commit = "%040x".formatted(day + 1L);
        store.recordRevision(
            new Revision(
                commit,
                "Author " + (day % 5) + " <a" + (day % 5) + "@example.com>",
                when,
                "Change " + day));
        List<AuditEvent> batch = new ArrayList<>(10_000);
        for (int i = 0; i < rows / 30; i++) {
          String cluster = CLUSTERS[i % CLUSTERS.length];
          if (i % 100 == 0) {
            batch.add(new AuditEvent("policy", cluster, "", commit, "", "evaluated", "1000"));
          } else {
            String policy = POLICIES[i % POLICIES.length];
            String decision = i % 7 == 0 ? "waived" : "denied";
            batch.add(
                new AuditEvent(
                    "policy",
                    cluster,
                    "payments",
                    commit,
                    "Deployment payments/app-" + (i % 5000),
                    decision,
                    policy
                        + ": Deployment payments/app-"
                        + (i % 5000)
                        + ": finding number "
                        + i
                        + " (bundles/payments/app-"
                        + (i % 5000)
                        + ".yaml:1)"));
          }
          if (batch.size() == 10_000) {
            store.append(batch);
            batch.clear();
          }
        }
        store.append(batch);
      }
    }
    return (System.nanoTime() - began) / 1e9;
  }

  /** Verification, building and writing one at a time, to see where the time goes. */
  private static double[] parts(Path data, Instant start) throws Exception {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      long t0 = System.nanoTime();
      store.verify();
      long t1 = System.nanoTime();
      var unverified =
          new io.fleetgate.audit.AuditLog() {
            @Override
            public List<io.fleetgate.audit.AuditEntry> append(List<AuditEvent> events) {
              throw new UnsupportedOperationException();
            }

            @Override
            public Verification verify() {
              return new Verification(0, "", 0, "");
            }
          };
      ComplianceReport report =
          new ReportBuilder(store.history(), unverified, PolicyCatalog.builtIn())
              .build(
                  new ComplianceReport.Scope(
                      start, start.plus(Duration.ofDays(31)), null, null, Instant.now()));
      long t2 = System.nanoTime();
      try (OutputStream file =
          new BufferedOutputStream(Files.newOutputStream(data.resolve("parts.sarif")), 1 << 16)) {
        AuditReportFormat.SARIF.write(report, file);
      }
      long t3 = System.nanoTime();
      return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9};
    }
  }

  private static double time(Path data, Instant start, AuditReportFormat format) throws Exception {
    long began = System.nanoTime();
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      Path out = data.resolve("report." + format.name().toLowerCase());
      AuditReportFormat.Written written;
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
        written =
            format.build(
                new ReportBuilder(store.history(), store, PolicyCatalog.builtIn()),
                new ComplianceReport.Scope(
                    start, start.plus(Duration.ofDays(31)), null, null, Instant.now()),
                file);
      }
      ComplianceReport report = written.report();
      if (!report.chain().intact() || written.findings() < ROWS * 0.9) {
        throw new IllegalStateException(
            "unexpected report: " + written.findings() + " findings, chain " + report.chain());
      }
    }
    return (System.nanoTime() - began) / 1e9;
  }
}
