package io.fleetgate.report;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.domain.Revision;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Audit logs with known content, written through the real store, for report tests. */
final class AuditHistories {

  static final Instant DAY_1 = Instant.parse("2026-11-20T10:00:00Z");
  static final Instant DAY_2 = Instant.parse("2026-11-21T10:00:00Z");

  private AuditHistories() {}

  /** Day 1: commit a1 by Ana evaluates 10 objects on beijing; a privileged pod is denied. */
  static void dayOne(Path data) {
    try (SqliteStore store = SqliteStore.open(data, Clock.fixed(DAY_1, ZoneOffset.UTC))) {
      store.recordRevision(
          new Revision("a1", "Ana Operator <ana@example.com>", DAY_1, "Debug pod"));
      store.append(
          List.of(
              new AuditEvent("policy", "beijing-prod", "", "a1", "", "evaluated", "10"),
              new AuditEvent(
                  "policy",
                  "beijing-prod",
                  "payments",
                  "a1",
                  "Pod payments/debug",
                  "denied",
                  "privileged_containers: Pod payments/debug: container \"sh\" runs privileged (bundles/payments/debug.yaml:1)")));
    }
  }

  /** Day 2: commit b2 by Ben evaluates 10 objects; the latest-tag finding is waived. */
  static void dayTwo(Path data) {
    try (SqliteStore store = SqliteStore.open(data, Clock.fixed(DAY_2, ZoneOffset.UTC))) {
      store.recordRevision(new Revision("b2", "Ben Reviewer <ben@example.com>", DAY_2, "Waive"));
      store.append(
          List.of(
              new AuditEvent("policy", "beijing-prod", "", "b2", "", "evaluated", "10"),
              new AuditEvent(
                  "policy",
                  "beijing-prod",
                  "payments",
                  "b2",
                  "Pod payments/debug",
                  "waived",
                  "image_pinned: Pod payments/debug: unpinned image — waived by payments-team until 2099-12-31 (bundles/payments/debug.yaml:1)")));
    }
  }

  /** The report over November 2026, all clusters, optionally one control. */
  static ComplianceReport report(Path data, String control) throws Exception {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      return new ReportBuilder(store.history(), store, PolicyCatalog.builtIn())
          .build(
              new ComplianceReport.Scope(
                  Instant.parse("2026-11-01T00:00:00Z"),
                  Instant.parse("2026-12-01T00:00:00Z"),
                  null,
                  control,
                  Instant.parse("2026-11-24T00:00:00Z")));
    }
  }
}
