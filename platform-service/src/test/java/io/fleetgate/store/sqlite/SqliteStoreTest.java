package io.fleetgate.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.inventory.InventoryChange;
import io.fleetgate.inventory.InventoryEntry;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

  private static AuditEvent event(String object, String decision) {
    return new AuditEvent(
        "apply",
        "beijing-prod",
        "payments",
        "abc123",
        object,
        decision,
        "bundles/payments/x.yaml:1");
  }

  @Test
  void anUntouchedChainVerifies(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      store.append(List.of(event("ConfigMap a/b", "applied"), event("ConfigMap a/c", "applied")));
      store.append(List.of(event("ConfigMap a/d", "pruned")));

      AuditLog.Verification verification = store.verify();

      assertThat(verification.intact()).isTrue();
      assertThat(verification.rows()).isEqualTo(3);
      assertThat(verification.head()).hasSize(64);
    }
  }

  @Test
  void anAlteredRowIsCaughtAtThatRow(@TempDir Path dir) throws Exception {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      store.append(
          List.of(
              event("ConfigMap a/b", "denied"),
              event("ConfigMap a/c", "denied"),
              event("ConfigMap a/d", "applied")));
    }
    sql(dir, "UPDATE audit_log SET decision = 'applied' WHERE sequence = 2");

    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      AuditLog.Verification verification = store.verify();

      assertThat(verification.intact()).isFalse();
      assertThat(verification.brokenAt()).isEqualTo(2);
      assertThat(verification.reason()).contains("altered");
    }
  }

  @Test
  void aDeletedRowIsCaught(@TempDir Path dir) throws Exception {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      store.append(List.of(event("a", "applied"), event("b", "applied"), event("c", "applied")));
    }
    sql(dir, "DELETE FROM audit_log WHERE sequence = 2");

    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      assertThat(store.verify().brokenAt()).isEqualTo(2);
    }
  }

  @Test
  void aRecomputedRowStillBreaksTheNextLink(@TempDir Path dir) throws Exception {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      store.append(List.of(event("a", "denied"), event("b", "applied")));
    }
    // An attacker who rewrites row 1 and its hash cannot fix row 2's previous-hash without
    // rewriting it too.
    sql(
        dir,
        "UPDATE audit_log SET decision = 'applied', hash = '"
            + "f".repeat(64)
            + "' WHERE sequence = 1");

    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      assertThat(store.verify().brokenAt()).isEqualTo(1);
    }
  }

  @Test
  void inventoryChangesCommitWithTheirAuditEventsPerCluster(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      ObjectRef ref = new ObjectRef("apps", "Deployment", "payments", "gateway");
      InventoryEntry entry =
          new InventoryEntry("payments", ref, "apps/v1", "h1", "bundles/payments/g.yaml:1");
      store.commit(
          "fleet/beijing-prod",
          new InventoryChange(List.of(entry), List.of()),
          List.of(
              new AuditEvent(
                  "apply", "beijing-prod", "payments", "c1", ref.toString(), "applied", "")));

      assertThat(store.applied("fleet/beijing-prod")).containsExactly(entry);
      assertThat(store.applied("other/beijing-prod")).isEmpty();
      assertThat(store.verify().rows()).isEqualTo(1);

      InventoryEntry moved = new InventoryEntry("baseline", ref, "apps/v1", "h2", "b.yaml:1");
      store.commit(
          "fleet/beijing-prod", new InventoryChange(List.of(moved), List.of(entry)), List.of());
      assertThat(store.applied("fleet/beijing-prod")).containsExactly(moved);

      store.commit("fleet/beijing-prod", new InventoryChange(List.of(), List.of(moved)), List.of());
      assertThat(store.applied("fleet/beijing-prod")).isEmpty();
    }
  }

  @Test
  void aClusterRecordedByItsBareNameMovesToItsKey(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      ObjectRef ref = new ObjectRef("", "ConfigMap", "payments", "c");
      InventoryEntry entry = new InventoryEntry("payments", ref, "v1", "h", "c.yaml:1");
      store.commit("beijing-prod", new InventoryChange(List.of(entry), List.of()), List.of());

      store.rekey("beijing-prod", "fleet/beijing-prod");

      assertThat(store.applied("beijing-prod")).isEmpty();
      assertThat(store.applied("fleet/beijing-prod")).containsExactly(entry);
    }
  }

  @Test
  void remembersEachBundlesPruneSettingAcrossRestartsAndKeepsThoseNotGiven(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      assertThat(store.pruning()).isEmpty();
      store.rememberPruning(java.util.Map.of("archive", false, "apps", true));
      store.rememberPruning(java.util.Map.of("apps", false));
      store.rememberPruning(java.util.Map.of());
    }
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      assertThat(store.pruning())
          .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("archive", false, "apps", false));
    }
  }

  @Test
  void runsPastTheRetentionPeriodGoWithTheirRecordsAndTheAuditLogStays(@TempDir Path dir) {
    java.time.Instant old = java.time.Instant.parse("2025-01-01T00:00:00Z");
    java.time.Instant recent = java.time.Instant.parse("2026-11-30T00:00:00Z");
    try (SqliteStore store = SqliteStore.open(dir, Clock.fixed(old, java.time.ZoneOffset.UTC))) {
      long run = store.start("a1", false, "repo");
      store.recordCluster(
          run, new io.fleetgate.store.SyncRuns.ClusterResult("fleet/c", "synced", 1, 0, 0, 0, ""));
      store.recordObjects(
          run,
          "fleet/c",
          List.of(
              new io.fleetgate.store.SyncRuns.ObjectRecord(
                  "ConfigMap a/b", "x", "s", "applied", "")));
      store.append(List.of(new AuditEvent("sync", "c", "", "a1", "", "synced", "")));
    }
    try (SqliteStore store = SqliteStore.open(dir, Clock.fixed(recent, java.time.ZoneOffset.UTC))) {
      long run = store.start("b2", false, "repo");
      store.recordCluster(
          run, new io.fleetgate.store.SyncRuns.ClusterResult("fleet/c", "synced", 0, 1, 0, 0, ""));

      int forgotten = store.forgetRunsBefore(recent.minus(java.time.Duration.ofDays(400)));

      assertThat(forgotten).isEqualTo(1);
      assertThat(store.latestRun().orElseThrow().commit()).isEqualTo("b2");
      assertThat(store.latestObjects("fleet/c")).isEmpty();
      assertThat(store.verify().rows()).as("the audit log is evidence: kept whole").isEqualTo(1);
      assertThat(store.verify().intact()).isTrue();
    }
  }

  @Test
  void remembersEachClustersPolicyFingerprint(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      assertThat(store.policyFingerprint("fleet/c")).isEmpty();
      store.recordPolicyFingerprint("fleet/c", "f1");
      store.recordPolicyFingerprint("fleet/c", "f2");
      assertThat(store.policyFingerprint("fleet/c")).contains("f2");
      assertThat(store.policyFingerprint("other/c")).isEmpty();
    }
  }

  @Test
  void remembersTheLastGoodCommitPerSource(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      assertThat(store.lastGoodCommit("file:///repo")).isEmpty();
      store.recordGoodCommit("file:///repo", "abc");
      store.recordGoodCommit("file:///repo", "def");
      assertThat(store.lastGoodCommit("file:///repo")).contains("def");
    }
  }

  private static void sql(Path dir, String statement) throws Exception {
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
        var st = connection.createStatement()) {
      st.executeUpdate(statement);
    }
  }
}
