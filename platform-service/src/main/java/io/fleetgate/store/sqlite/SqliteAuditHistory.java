package io.fleetgate.store.sqlite;

import io.fleetgate.report.AuditHistory;
import io.fleetgate.report.patch.RolloutRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The audit log's policy and rollout records for reports, streamed in sequence order with commit
 * authors.
 */
final class SqliteAuditHistory implements AuditHistory {

  private final SqliteDatabase db;

  SqliteAuditHistory(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public void policyRecords(Instant from, Instant to, String cluster, Consumer<PolicyRecord> sink) {
    db.read(
        "read the audit log",
        connection -> {
          String sql =
              "SELECT a.sequence, a.time, a.cluster, a.bundle, a.commit_id, COALESCE(r.author, ''), a.object, a.decision, a.detail"
                  + " FROM audit_log a LEFT JOIN revisions r ON r.commit_id = a.commit_id"
                  + " WHERE a.kind = 'policy' AND a.time >= ? AND a.time < ?"
                  + (cluster == null ? "" : " AND a.cluster = ?")
                  + " ORDER BY a.sequence";
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setFetchSize(10_000);
            select.setString(1, from.toString());
            select.setString(2, to.toString());
            if (cluster != null) {
              select.setString(3, cluster);
            }
            try (ResultSet row = select.executeQuery()) {
              // Rows of one sync share their time: parse each distinct time once.
              String lastText = null;
              Instant lastTime = null;
              while (row.next()) {
                String text = row.getString(2);
                if (!text.equals(lastText)) {
                  lastText = text;
                  lastTime = Instant.parse(text);
                }
                sink.accept(
                    new PolicyRecord(
                        row.getLong(1),
                        lastTime,
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8),
                        row.getString(9)));
              }
            }
          }
          return null;
        });
  }

  @Override
  public void rolloutRecords(Instant from, Instant to, Consumer<RolloutRow> sink) {
    db.read(
        "read the rollouts' audit rows",
        connection -> {
          // By the object index's range of "PatchRollout <name>" (' ' then '!'): the rollouts'
          // rows without a scan of a log of millions of policy rows. Kinds by range, not LIKE.
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT sequence, time, kind, cluster, object, detail FROM audit_log"
                      + " INDEXED BY audit_log_object"
                      + " WHERE object >= 'PatchRollout ' AND object < 'PatchRollout!'"
                      + " AND kind >= 'rollout.' AND kind < 'rollout/'"
                      + " AND time >= ? AND time < ? ORDER BY sequence")) {
            select.setFetchSize(10_000);
            select.setString(1, from.toString());
            select.setString(2, to.toString());
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                sink.accept(
                    new RolloutRow(
                        row.getLong(1),
                        Instant.parse(row.getString(2)),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6)));
              }
            }
          }
          return null;
        });
  }
}
