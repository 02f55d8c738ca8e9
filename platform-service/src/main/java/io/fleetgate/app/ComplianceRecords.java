package io.fleetgate.app;

import io.fleetgate.api.PlatformApi.AuditRow;
import io.fleetgate.api.PlatformApi.ChainView;
import io.fleetgate.api.PlatformApi.ClusterResultView;
import io.fleetgate.api.PlatformApi.FindingView;
import io.fleetgate.api.PlatformApi.ReportFile;
import io.fleetgate.api.PlatformApi.ReportRequest;
import io.fleetgate.api.PlatformApi.RunView;
import io.fleetgate.audit.AuditEntry;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.AuditReportFormat;
import io.fleetgate.report.ComplianceReport;
import io.fleetgate.report.ReportBuilder;
import io.fleetgate.report.patch.MatrixReader;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The platform's records as the API shows them: runs, findings, the audit chain, reports. */
final class ComplianceRecords {

  private final SqliteStore store;
  private final Path dataDir;
  private final PolicyCatalog catalog;
  private final Clock clock;
  private final Map<String, ReportFile> reports = new ConcurrentHashMap<>();
  private final java.util.function.Function<ReportRequest, MatrixReader> matrices;

  /**
   * @param matrices the reader of the patch matrix a report request asks for
   * @throws IllegalArgumentException from {@code matrices} when the request names no usable target
   */
  ComplianceRecords(
      SqliteStore store,
      Path dataDir,
      PolicyCatalog catalog,
      Clock clock,
      java.util.function.Function<ReportRequest, MatrixReader> matrices) {
    this.matrices = matrices;
    this.store = store;
    this.dataDir = dataDir;
    this.catalog = catalog;
    this.clock = clock;
  }

  Optional<RunView> latestRun() {
    return store
        .latestRun()
        .map(
            run ->
                new RunView(
                    run.id(),
                    run.started(),
                    run.finished().orElse(""),
                    run.commit(),
                    run.stale(),
                    run.source(),
                    store.latestResults().stream()
                        .map(
                            r ->
                                new ClusterResultView(
                                    r.name(),
                                    r.outcome(),
                                    r.applied(),
                                    r.unchanged(),
                                    r.pruned(),
                                    r.failed(),
                                    r.detail()))
                        .toList()));
  }

  List<FindingView> findings(Instant since, String cluster, String control, int limit) {
    java.util.ArrayDeque<FindingView> newest = new java.util.ArrayDeque<>(limit);
    new ReportBuilder(store.history(), NO_VERIFY, catalog)
        .build(
            new ComplianceReport.Scope(
                since, clock.instant().plusSeconds(1), cluster, control, clock.instant()),
            e -> {
              if (control != null && !e.controls().contains(control)) {
                return;
              }
              if (newest.size() == limit) {
                newest.removeFirst();
              }
              newest.addLast(
                  new FindingView(
                      e.time(),
                      e.commit(),
                      e.author(),
                      e.cluster(),
                      e.object(),
                      e.source(),
                      e.policy(),
                      e.controls(),
                      e.severity(),
                      e.decision(),
                      e.message()));
            });
    List<FindingView> list = new ArrayList<>(newest);
    java.util.Collections.reverse(list);
    return list;
  }

  List<AuditRow> audit(long afterSequence, int limit) {
    List<AuditRow> rows = new ArrayList<>();
    for (AuditEntry entry : store.entries(afterSequence, limit)) {
      var e = entry.event();
      rows.add(
          new AuditRow(
              entry.sequence(),
              entry.time(),
              e.kind(),
              e.cluster(),
              e.bundle(),
              e.commit(),
              e.object(),
              e.decision(),
              e.detail(),
              entry.hash()));
    }
    return rows;
  }

  ChainView verifyAudit() {
    AuditLog.Verification v = store.verify();
    return new ChainView(v.intact(), v.rows(), v.head(), v.brokenAt(), v.reason());
  }

  ReportFile generateReport(ReportRequest request) throws IOException {
    AuditReportFormat format = AuditReportFormat.parse(request.format());
    Instant to = request.to() == null ? clock.instant() : request.to();
    Instant from =
        request.from() == null ? to.minus(java.time.Duration.ofDays(30)) : request.from();
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    MatrixReader matrix = matrices.apply(request);
    String id = UUID.randomUUID().toString();
    Path dir = dataDir.resolve("reports");
    io.fleetgate.files.OwnerOnly.directory(dir);
    Path file = dir.resolve(id + "." + extension(format));
    AuditReportFormat.Written written;
    // The chain's verification and the report's own pass read side by side, each on a reader
    // connection of the store's: neither holds up the writer, token lookups or API reads.
    try (OutputStream out =
        new BufferedOutputStream(io.fleetgate.files.OwnerOnly.newOutputStream(file), 1 << 16)) {
      written =
          format.build(
              new ReportBuilder(store.history(), store, catalog, matrix),
              new ComplianceReport.Scope(
                  from, to, request.cluster(), request.control(), clock.instant()),
              out);
    }
    ReportFile report =
        new ReportFile(
            id,
            format.name().toLowerCase(Locale.ROOT),
            file,
            Files.size(file),
            written.findings(),
            written.report().chain().intact());
    reports.put(id, report);
    prune(dir);
    return report;
  }

  Optional<ReportFile> report(String id) {
    return Optional.ofNullable(reports.get(id)).filter(r -> Files.isRegularFile(r.file()));
  }

  /** Keeps the 20 newest report files. */
  private void prune(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> old =
          files
              .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed())
              .skip(20)
              .toList();
      for (Path path : old) {
        Files.deleteIfExists(path);
        reports.values().removeIf(r -> r.file().equals(path));
      }
    }
  }

  private static String extension(AuditReportFormat format) {
    return switch (format) {
      case OPENREPORTS -> "yaml";
      case JUNIT -> "xml";
      default -> format.name().toLowerCase(Locale.ROOT);
    };
  }

  /** Listing findings needs no chain verification. */
  private static final AuditLog NO_VERIFY =
      new AuditLog() {
        @Override
        public List<AuditEntry> append(List<io.fleetgate.audit.AuditEvent> events) {
          throw new UnsupportedOperationException("read-only");
        }

        @Override
        public Verification verify() {
          return new Verification(0, "", 0, "");
        }
      };
}
