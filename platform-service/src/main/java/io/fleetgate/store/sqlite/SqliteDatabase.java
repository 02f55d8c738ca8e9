package io.fleetgate.store.sqlite;

import io.fleetgate.files.OwnerOnly;
import io.fleetgate.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The database file and its one connection, guarded by a lock: SQLite allows one writer, and every
 * write is an immediate transaction that lands whole or not at all.
 */
final class SqliteDatabase implements AutoCloseable {

  private final Path file;
  private final Connection connection;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();

  private SqliteDatabase(Path file, Connection connection, Clock clock) {
    this.file = file;
    this.connection = connection;
    this.clock = clock;
  }

  /**
   * Opens, creating and migrating (Flyway) as needed: WAL, busy timeout, immediate transactions;
   * the directory owner-only (0700), the database and its WAL owner-only (0600).
   */
  static SqliteDatabase open(Path file, Clock clock) {
    try {
      // The records are the owner's alone: directory 0700, database 0600 before SQLite opens it
      // (its WAL and shared-memory files take the database's mode).
      OwnerOnly.directory(file.toAbsolutePath().getParent());
      OwnerOnly.file(file);
      OwnerOnly.ifPresent(file.resolveSibling(file.getFileName() + "-wal"));
      OwnerOnly.ifPresent(file.resolveSibling(file.getFileName() + "-shm"));
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
      // Autocommit between transactions: an idle connection must hold no lock (sqlite-jdbc begins
      // a transaction as soon as autocommit is turned off, and in IMMEDIATE mode that takes the
      // write lock). Writes turn it off for the duration of their transaction.
      Connection connection = config.createConnection(url);
      return new SqliteDatabase(file, connection, clock);
    } catch (Exception e) {
      throw new StoreException(
          "Cannot open the Fleetgate database " + file + ": " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  Connection connection() {
    return connection;
  }

  Clock clock() {
    return clock;
  }

  /** Work on the connection that may throw SQL errors. */
  interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs the work in a write transaction: committed when it returns, rolled back when it throws.
   */
  <T> T write(String action, Work<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
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
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot " + action + " in " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs read-only work outside a write transaction (autocommit: SQLite's implicit read
   * transaction), so that long reads — a report over a million rows — never hold the write lock
   * and, in WAL mode, never block the writer or other readers.
   */
  <T> T read(String action, Work<T> work) {
    lock.lock();
    try {
      return work.run();
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
