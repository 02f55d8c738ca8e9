package io.fleetgate.store.sqlite;

import io.fleetgate.store.SyncRuns;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sync runs, per-cluster results and last good commits. */
final class SqliteSyncRuns implements SyncRuns {

  private final SqliteDatabase db;

  SqliteSyncRuns(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public long start(String commit, boolean stale, String source) {
    return db.write(
        "start a sync run",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO sync_runs (started, commit_id, stale, source) VALUES (?, ?, ?, ?)",
                  java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, db.clock().instant().toString());
            insert.setString(2, commit);
            insert.setInt(3, stale ? 1 : 0);
            insert.setString(4, source);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              return keys.getLong(1);
            }
          }
        });
  }

  @Override
  public void recordCluster(long runId, ClusterResult result) {
    db.write(
        "record a cluster result",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT OR REPLACE INTO cluster_results (run_id, cluster, outcome, applied, unchanged, pruned, failed, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, runId);
            insert.setString(2, result.cluster());
            insert.setString(3, result.outcome());
            insert.setInt(4, result.applied());
            insert.setInt(5, result.unchanged());
            insert.setInt(6, result.pruned());
            insert.setInt(7, result.failed());
            insert.setString(8, result.detail());
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void finish(long runId) {
    db.write(
        "finish a sync run",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE sync_runs SET finished = ? WHERE id = ?")) {
            update.setString(1, db.clock().instant().toString());
            update.setLong(2, runId);
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<String> lastGoodCommit(String source) {
    return db.read(
        "read the last good commit",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT last_good_commit FROM source_state WHERE source = ?")) {
            select.setString(1, source);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public void recordGoodCommit(String source, String commit) {
    db.write(
        "record the last good commit",
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT OR REPLACE INTO source_state (source, last_good_commit, updated) VALUES (?, ?, ?)")) {
            upsert.setString(1, source);
            upsert.setString(2, commit);
            upsert.setString(3, db.clock().instant().toString());
            upsert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Run> latestRun() {
    return db.read(
        "read the latest run",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id, started, finished, commit_id, stale, source FROM sync_runs ORDER BY id DESC LIMIT 1");
              ResultSet row = select.executeQuery()) {
            return row.next()
                ? Optional.of(
                    new Run(
                        row.getLong(1),
                        row.getString(2),
                        Optional.ofNullable(row.getString(3)),
                        row.getString(4),
                        row.getInt(5) == 1,
                        row.getString(6)))
                : Optional.<Run>empty();
          }
        });
  }

  @Override
  public List<ClusterResult> latestResults() {
    return db.read(
        "read cluster results",
        connection -> {
          List<ClusterResult> results = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT cluster, outcome, applied, unchanged, pruned, failed, detail FROM cluster_results r"
                          + " WHERE run_id = (SELECT MAX(run_id) FROM cluster_results WHERE cluster = r.cluster) ORDER BY cluster");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              results.add(
                  new ClusterResult(
                      row.getString(1),
                      row.getString(2),
                      row.getInt(3),
                      row.getInt(4),
                      row.getInt(5),
                      row.getInt(6),
                      row.getString(7)));
            }
          }
          return results;
        });
  }

  @Override
  public void recordObjects(long runId, String cluster, List<ObjectRecord> objects) {
    if (objects.isEmpty()) {
      return;
    }
    db.write(
        "record object results",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO object_results (run_id, cluster, object, bundle, source, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (ObjectRecord object : objects) {
              insert.setLong(1, runId);
              insert.setString(2, cluster);
              insert.setString(3, object.object());
              insert.setString(4, object.bundle());
              insert.setString(5, object.source());
              insert.setString(6, object.action());
              insert.setString(7, object.detail());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  @Override
  public void recordObservation(long runId, String cluster, Observed observed) {
    if (observed.health().isEmpty() && observed.events().isEmpty()) {
      return;
    }
    db.write(
        "record observed health and events",
        connection -> {
          try (PreparedStatement health =
                  connection.prepareStatement(
                      "INSERT INTO object_health (run_id, cluster, object, source, status, message) VALUES (?, ?, ?, ?, ?, ?)");
              PreparedStatement events =
                  connection.prepareStatement(
                      "INSERT INTO object_events (run_id, cluster, object, reason, message, count) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (HealthRecord h : observed.health()) {
              health.setLong(1, runId);
              health.setString(2, cluster);
              health.setString(3, h.object());
              health.setString(4, h.source());
              health.setString(5, h.status());
              health.setString(6, h.message());
              health.addBatch();
            }
            health.executeBatch();
            for (EventRecord e : observed.events()) {
              events.setLong(1, runId);
              events.setString(2, cluster);
              events.setString(3, e.object());
              events.setString(4, e.reason());
              events.setString(5, e.message());
              events.setInt(6, e.count());
              events.addBatch();
            }
            events.executeBatch();
          }
          return null;
        });
  }

  @Override
  public Observed latestObservation(String cluster) {
    return db.read(
        "read observed health and events",
        connection -> {
          List<HealthRecord> health = new ArrayList<>();
          List<EventRecord> events = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT object, source, status, message FROM object_health WHERE cluster = ?"
                      + " AND run_id = (SELECT MAX(run_id) FROM object_health WHERE cluster = ?) ORDER BY rowid")) {
            select.setString(1, cluster);
            select.setString(2, cluster);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                health.add(
                    new HealthRecord(
                        row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
              }
            }
          }
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT object, reason, message, count FROM object_events WHERE cluster = ?"
                      + " AND run_id = (SELECT MAX(run_id) FROM object_events WHERE cluster = ?) ORDER BY rowid")) {
            select.setString(1, cluster);
            select.setString(2, cluster);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                events.add(
                    new EventRecord(
                        row.getString(1), row.getString(2), row.getString(3), row.getInt(4)));
              }
            }
          }
          return new Observed(health, events);
        });
  }

  @Override
  public Optional<String> policyFingerprint(String cluster) {
    return db.read(
        "read the policy fingerprint",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT fingerprint FROM policy_fingerprints WHERE cluster = ?")) {
            select.setString(1, cluster);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public void recordPolicyFingerprint(String cluster, String fingerprint) {
    db.write(
        "record the policy fingerprint",
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT OR REPLACE INTO policy_fingerprints (cluster, fingerprint, updated) VALUES (?, ?, ?)")) {
            upsert.setString(1, cluster);
            upsert.setString(2, fingerprint);
            upsert.setString(3, db.clock().instant().toString());
            upsert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public int forgetRunsBefore(java.time.Instant cutoff) {
    return db.write(
        "delete runs past the retention period",
        connection -> {
          String old = "SELECT id FROM sync_runs WHERE started < ?";
          for (String table :
              List.of("object_results", "object_health", "object_events", "cluster_results")) {
            try (PreparedStatement delete =
                connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE run_id IN (" + old + ")")) {
              delete.setString(1, cutoff.toString());
              delete.executeUpdate();
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM sync_runs WHERE started < ?")) {
            delete.setString(1, cutoff.toString());
            return delete.executeUpdate();
          }
        });
  }

  @Override
  public List<ObjectRecord> latestObjects(String cluster) {
    return db.read(
        "read object results",
        connection -> {
          List<ObjectRecord> objects = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT object, bundle, source, action, detail FROM object_results WHERE cluster = ?"
                      + " AND run_id = (SELECT MAX(run_id) FROM object_results WHERE cluster = ?) ORDER BY rowid")) {
            select.setString(1, cluster);
            select.setString(2, cluster);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                objects.add(
                    new ObjectRecord(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5)));
              }
            }
          }
          return objects;
        });
  }

  @Override
  public void recordRevision(io.fleetgate.domain.Revision revision) {
    db.write(
        "record a revision",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT OR IGNORE INTO revisions (commit_id, author, time, message) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, revision.commit());
            insert.setString(2, revision.author());
            insert.setString(3, revision.time().toString());
            insert.setString(4, revision.message());
            insert.executeUpdate();
          }
          return null;
        });
  }

  /** The recorded revisions, newest commit time first. */
  List<io.fleetgate.domain.Revision> revisions(int limit) {
    return db.read(
        "read revisions",
        connection -> {
          List<io.fleetgate.domain.Revision> revisions = new java.util.ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT commit_id, author, time, message FROM revisions ORDER BY time DESC LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                revisions.add(
                    new io.fleetgate.domain.Revision(
                        row.getString(1),
                        row.getString(2),
                        java.time.Instant.parse(row.getString(3)),
                        row.getString(4)));
              }
            }
          }
          return revisions;
        });
  }
}
