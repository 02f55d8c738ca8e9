package io.fleetgate.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.audit.AuditChain;
import io.fleetgate.audit.AuditEntry;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.audit.AuditHead;
import io.fleetgate.audit.HeadCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a verified chain alone cannot see, and an exported head can: the last rows removed, or every
 * hash recomputed after an edit. Both verify as intact; neither reaches the head.
 */
class AuditHeadTest {

  @TempDir Path data;
  private AuditHead exported;

  @BeforeEach
  void fiveRows() {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      for (int i = 1; i <= 5; i++) {
        store.append(List.of(event("ConfigMap a/c" + i, i == 2 ? "denied" : "applied")));
      }
      exported = store.head();
      assertThat(exported.rows()).isEqualTo(5);
      assertThat(exported.hash()).isEqualTo(store.verify().head());
    }
  }

  @Test
  void aTruncatedTailVerifiesButNoLongerReachesTheHead() throws Exception {
    sql("DELETE FROM audit_log WHERE sequence > 3");

    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      assertThat(store.verify().intact()).as("the chain alone cannot tell").isTrue();
      HeadCheck check = HeadCheck.against(exported, store);

      assertThat(check).isInstanceOf(HeadCheck.Truncated.class);
      assertThat(check.explanation()).contains("has 3 row(s) but had 5").contains("2 row(s)");
    }
  }

  @Test
  void aRecomputedChainVerifiesButNoLongerReachesTheHead() throws Exception {
    recomputeWithRowTwoApplied();

    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      assertThat(store.verify().intact()).as("the chain alone cannot tell").isTrue();
      HeadCheck check = HeadCheck.against(exported, store);

      assertThat(check).isInstanceOf(HeadCheck.Rewritten.class);
      assertThat(check.explanation()).contains("row 5").contains("recomputed");
    }
  }

  @Test
  void rowsAppendedAfterTheHeadStillReachIt() {
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      store.append(List.of(event("ConfigMap a/c6", "applied")));

      HeadCheck check = HeadCheck.against(exported, store);

      assertThat(check.holds()).isTrue();
      assertThat(check.explanation()).contains("1 row(s) appended since");
      assertThat(HeadCheck.against(AuditHead.EMPTY, store).holds()).isTrue();
    }
  }

  /** What an attacker with write access to the file does: edit row 2, then rehash every row. */
  private void recomputeWithRowTwoApplied() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var select =
            c.prepareStatement(
                "SELECT sequence, time, kind, cluster, bundle, commit_id, object, decision, detail"
                    + " FROM audit_log ORDER BY sequence");
        var update =
            c.prepareStatement(
                "UPDATE audit_log SET decision = ?, previous_hash = ?, hash = ? WHERE sequence = ?");
        var rows = select.executeQuery()) {
      String previous = AuditChain.GENESIS;
      while (rows.next()) {
        long sequence = rows.getLong(1);
        String decision = sequence == 2 ? "applied" : rows.getString(8);
        AuditEvent event =
            new AuditEvent(
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getString(7),
                decision,
                rows.getString(9));
        AuditEntry entry =
            AuditChain.next(sequence, Instant.parse(rows.getString(2)), event, previous);
        update.setString(1, decision);
        update.setString(2, previous);
        update.setString(3, entry.hash());
        update.setLong(4, sequence);
        update.executeUpdate();
        previous = entry.hash();
      }
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private static AuditEvent event(String object, String decision) {
    return new AuditEvent(
        "apply", "beijing-prod", "payments", "abc123", object, decision, "bundles/x.yaml:1");
  }
}
