package io.fleetgate.store.sqlite;

import io.fleetgate.audit.AuditChain;
import io.fleetgate.audit.AuditEntry;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.store.StoreException;
import io.fleetgate.store.SyncRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite database in {@code DATA_DIR/fleetgate.db}. One connection, guarded by a lock: SQLite
 * allows one writer, and every write is an immediate transaction that either lands whole or not at
 * all — a process killed mid-write loses no committed audit row and leaves no half row.
 */
public final class SqliteStore implements AuditLog, Inventory, SyncRuns, AutoCloseable {

  public static final String FILE = "fleetgate.db";

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock;
  private final Path file;

  private SqliteStore(Path file, Connection connection, Clock clock) {
    this.file = file;
    this.connection = connection;
    this.clock = clock;
  }

  /** Opens (creating and migrating as needed) the database in the data directory. */
  public static SqliteStore open(Path dataDir, Clock clock) {
    Path file = dataDir.resolve(FILE);
    try {
      Files.createDirectories(dataDir);
      String url = "jdbc:sqlite:" + file;
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.setBusyTimeout(10_000);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      config.enforceForeignKeys(true);
      Connection connection = config.createConnection(url);
      connection.setAutoCommit(false);
      return new SqliteStore(file, connection, clock);
    } catch (Exception e) {
      throw new StoreException(
          "Cannot open the Fleetgate database " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  // ---------------------------------------------------------------- audit log

  @Override
  public List<AuditEntry> append(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    return write(
        "append to the audit log",
        () -> {
          long sequence = 0;
          String previous = AuditChain.GENESIS;
          try (PreparedStatement head =
                  connection.prepareStatement(
                      "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1");
              ResultSet row = head.executeQuery()) {
            if (row.next()) {
              sequence = row.getLong(1);
              previous = row.getString(2);
            }
          }
          Instant now = clock.instant();
          List<AuditEntry> entries = new ArrayList<>(events.size());
          try (PreparedStatement insert =
              connection.prepareStatement(
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
        });
  }

  @Override
  public Verification verify() {
    return read(
        "verify the audit log",
        () -> {
          long rows = 0;
          String previous = AuditChain.GENESIS;
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT sequence, time, kind, cluster, bundle, commit_id, object, decision, detail, previous_hash, hash FROM audit_log ORDER BY sequence");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              AuditEntry entry =
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
                      row.getString(11));
              Optional<String> broken = AuditChain.check(entry, rows + 1, previous);
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

  // ---------------------------------------------------------------- inventory

  @Override
  public Map<ObjectRef, InventoryEntry> applied(String cluster, String bundle) {
    return read(
        "read the inventory",
        () -> {
          Map<ObjectRef, InventoryEntry> entries = new LinkedHashMap<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT api_group, kind, namespace, name, api_version, content_hash, source FROM inventory WHERE cluster = ? AND bundle = ?")) {
            select.setString(1, cluster);
            select.setString(2, bundle);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                ObjectRef ref =
                    new ObjectRef(
                        row.getString(1), row.getString(2), row.getString(3), row.getString(4));
                entries.put(
                    ref,
                    new InventoryEntry(ref, row.getString(5), row.getString(6), row.getString(7)));
              }
            }
          }
          return entries;
        });
  }

  @Override
  public void recordApplied(String cluster, String bundle, Collection<InventoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    write(
        "record applied objects",
        () -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT OR REPLACE INTO inventory (cluster, bundle, api_group, kind, namespace, name, api_version, content_hash, source)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (InventoryEntry entry : entries) {
              upsert.setString(1, cluster);
              upsert.setString(2, bundle);
              upsert.setString(3, entry.ref().group());
              upsert.setString(4, entry.ref().kind());
              upsert.setString(5, entry.ref().namespace());
              upsert.setString(6, entry.ref().name());
              upsert.setString(7, entry.apiVersion());
              upsert.setString(8, entry.contentHash());
              upsert.setString(9, entry.source());
              upsert.addBatch();
            }
            upsert.executeBatch();
          }
          return null;
        });
  }

  @Override
  public void forget(String cluster, String bundle, Collection<ObjectRef> refs) {
    if (refs.isEmpty()) {
      return;
    }
    write(
        "forget pruned objects",
        () -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM inventory WHERE cluster = ? AND bundle = ? AND api_group = ? AND kind = ? AND namespace = ? AND name = ?")) {
            for (ObjectRef ref : refs) {
              delete.setString(1, cluster);
              delete.setString(2, bundle);
              delete.setString(3, ref.group());
              delete.setString(4, ref.kind());
              delete.setString(5, ref.namespace());
              delete.setString(6, ref.name());
              delete.addBatch();
            }
            delete.executeBatch();
          }
          return null;
        });
  }

  // ---------------------------------------------------------------- sync runs

  @Override
  public long start(String commit, boolean stale, String source) {
    return write(
        "start a sync run",
        () -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO sync_runs (started, commit_id, stale, source) VALUES (?, ?, ?, ?)",
                  java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, clock.instant().toString());
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
    write(
        "record a cluster result",
        () -> {
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
    write(
        "finish a sync run",
        () -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE sync_runs SET finished = ? WHERE id = ?")) {
            update.setString(1, clock.instant().toString());
            update.setLong(2, runId);
            update.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<String> lastGoodCommit(String source) {
    return read(
        "read the last good commit",
        () -> {
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
    write(
        "record the last good commit",
        () -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT OR REPLACE INTO source_state (source, last_good_commit, updated) VALUES (?, ?, ?)")) {
            upsert.setString(1, source);
            upsert.setString(2, commit);
            upsert.setString(3, clock.instant().toString());
            upsert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Run> latestRun() {
    return read(
        "read the latest run",
        () -> {
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
    return read(
        "read cluster results",
        () -> {
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

  // ---------------------------------------------------------------- plumbing

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T write(String action, Work<T> work) {
    lock.lock();
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw new StoreException("Cannot " + action + " in " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private <T> T read(String action, Work<T> work) {
    lock.lock();
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException e) {
      throw new StoreException("Cannot " + action + " in " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("Cannot close " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
