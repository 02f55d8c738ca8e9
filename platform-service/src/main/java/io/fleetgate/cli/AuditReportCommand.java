package io.fleetgate.cli;

import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.AuditReportFormat;
import io.fleetgate.report.ComplianceReport;
import io.fleetgate.report.ReportBuilder;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate audit-report}: compliance evidence from the audit log. */
@Command(
    name = "audit-report",
    description = {
      "Write a policy audit report from the audit log: a summary by compliance control, trends, every finding's",
      "evidence (commit, author, time, cluster, object, decision) and the audit chain's verification.",
      "Exit codes: 0 written (and the chain verifies), 1 written but the audit chain is broken, 2 bad input."
    })
final class AuditReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the records are (default: ~/.fleetgate/data).")
  Path dataDir;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Start, e.g. 2026-11-01 or 2026-11-01T08:00:00Z (default: 30 days ago).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: now).")
  String to;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster.")
  String cluster;

  @Option(
      names = "--control",
      paramLabel = "ID",
      description = "Only this control, e.g. PCI-DSS-v4.0:1.3.1.")
  String control;

  @Option(
      names = "--format",
      defaultValue = "html",
      description = "html, pdf, json, sarif, junit or openreports (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The report file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    AuditReportFormat reportFormat = AuditReportFormat.parse(format);
    Instant now = Instant.now();
    Instant start = from == null ? now.minus(java.time.Duration.ofDays(30)) : time(from, "--from");
    Instant end = to == null ? now : time(to, "--to");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    try (SqliteStore store = DataDir.openRecords(dataDir)) {
      long began = System.nanoTime();
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      AuditReportFormat.Written written;
      try (OutputStream file =
          new BufferedOutputStream(io.fleetgate.files.OwnerOnly.newOutputStream(out), 1 << 16)) {
        written =
            reportFormat.build(
                new ReportBuilder(store.history(), store, PolicyCatalog.builtIn()),
                new ComplianceReport.Scope(start, end, cluster, control, now),
                file);
      }
      ComplianceReport report = written.report();
      spec.commandLine()
          .getErr()
          .printf(
              "Wrote %s: %d finding(s), %d control(s), audit chain %s (%.1f s)%n",
              out,
              written.findings(),
              report.controls().size(),
              report.chain().intact() ? "intact" : "BROKEN at row " + report.chain().brokenAt(),
              (System.nanoTime() - began) / 1e9);
      return report.chain().intact() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private static Instant time(String text, String option) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " must be a date (2026-11-01) or a UTC time (2026-11-01T08:00:00Z), not '"
              + text
              + "'");
    }
  }
}
