package io.fleetgate.store.sqlite;

import io.fleetgate.audit.AuditChain;
import io.fleetgate.audit.AuditEntry;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.audit.AuditLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit chain in table {@code audit_log}: appended in one immediate transaction per batch. */
final class SqliteAuditLog implements AuditLog, io.fleetgate.audit.AuditHeads {

  private final SqliteDatabase db;

  SqliteAuditLog(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public List<AuditEntry> append(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    return db.write("append to the audit log", connection -> insert(events));
  }

  /** Appends the events inside the caller's write transaction. */
  List<AuditEntry> insert(List<AuditEvent> events) throws java.sql.SQLException {
    if (events.isEmpty()) {
      return List.of();
    }
    long sequence = 0;
    String previous = AuditChain.GENESIS;
    try (PreparedStatement head =
            db.connection()
                .prepareStatement(
                    "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
        ResultSet row = head.executeQuery()) {
      if (row.next()) {
        sequence = row.getLong(1);
        previous = row.getString(2);
      }
    }
    Instant now = db.clock().instant();
    List<AuditEntry> entries = new ArrayList<>(events.size());
    try (PreparedStatement insert =
        db.connection()
            .prepareStatement(
                "INSERT INTO audit_log (sequence, time, kind, cluster, bundle, commit_id, object, decision, detail, previous_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditEvent event : events) {
        AuditEntry entry = AuditChain.next(++sequence, now, event, previous);
        insert.setLong(1, entry.sequence());
        insert.setString(2, entry.time().toString());
        insert.setString(3, event.kind());
        insert.setString(4, event.cluster());
        insert.setString(5, event.bundle());
        insert.setString(6, event.commit());
        insert.setString(7, event.object());
        insert.setString(8, event.decision());
        insert.setString(9, event.detail());
        insert.setString(10, entry.previousHash());
        insert.setString(11, entry.hash());
        insert.addBatch();
        entries.add(entry);
        previous = entry.hash();
      }
      insert.executeBatch();
    }
    return entries;
  }

  @Override
  public Verification verify() {
    return db.read(
        "verify the audit log",
        connection -> {
          long rows = 0;
          String previous = AuditChain.GENESIS;
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT sequence, time, kind, cluster, bundle, commit_id, object, decision, detail, previous_hash, hash FROM audit_log ORDER BY sequence");
              ResultSet row = select.executeQuery()) {
            String lastText = null;
            Instant lastTime = null;
            String lastCanonical = null;
            while (row.next()) {
              String text = row.getString(2);
              if (!text.equals(lastText)) {
                lastText = text;
                lastTime = Instant.parse(text);
                lastCanonical = lastTime.toString();
              }
              AuditEntry entry =
                  new AuditEntry(
                      row.getLong(1),
                      lastTime,
                      new AuditEvent(
                          row.getString(3),
                          row.getString(4),
                          row.getString(5),
                          row.getString(6),
                          row.getString(7),
                          row.getString(8),
                          row.getString(9)),
                      row.getString(10),
                      row.getString(11));
              Optional<String> broken = AuditChain.check(entry, lastCanonical, rows + 1, previous);
              if (broken.isPresent()) {
                return new Verification(
                    rows, previous, rows + 1, "row " + (rows + 1) + ": " + broken.get());
              }
              rows++;
              previous = entry.hash();
            }
          }
          return new Verification(rows, previous, 0, "");
        });
  }

  @Override
  public io.fleetgate.audit.AuditHead head() {
    return db.read(
        "read the audit chain's head",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
              ResultSet row = select.executeQuery()) {
            return row.next()
                ? new io.fleetgate.audit.AuditHead(row.getLong(1), row.getString(2))
                : io.fleetgate.audit.AuditHead.EMPTY;
          }
        });
  }

  @Override
  public Optional<String> hashAt(long sequence) {
    return db.read(
        "read an audit row's hash",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT hash FROM audit_log WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
          }
        });
  }

  List<AuditEntry> entries(long afterSequence, int limit) {
    return db.read(
        "read audit rows",
        connection -> {
          List<AuditEntry> entries = new java.util.ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT sequence, time, kind, cluster, bundle, commit_id, object, decision, detail, previous_hash, hash FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
            select.setLong(1, afterSequence);
            select.setInt(2, limit);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                entries.add(
                    new AuditEntry(
                        row.getLong(1),
                        Instant.parse(row.getString(2)),
                        new AuditEvent(
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getString(6),
                            row.getString(7),
                            row.getString(8),
                            row.getString(9)),
                        row.getString(10),
                        row.getString(11)));
              }
            }
          }
          return entries;
        });
  }
}
