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
 * The database file, its one writer connection, guarded by a lock — SQLite allows one writer, and
 * every write is an immediate transaction that lands whole or not at all — and its pool of reader
 * connections ({@link SqliteReaders}), so that reads never queue behind writes or each other.
 */
final class SqliteDatabase implements AutoCloseable {

  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final Path file;
  private final Connection connection;
  private final SqliteReaders readers;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();

  private SqliteDatabase(Path file, Connection connection, SqliteReaders readers, Clock clock) {
    this.file = file;
    this.connection = connection;
    this.readers = readers;
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
      config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      config.enforceForeignKeys(true);
      // Autocommit between transactions: an idle connection must hold no lock (sqlite-jdbc begins
      // a transaction as soon as autocommit is turned off, and in IMMEDIATE mode that takes the
      // write lock). Writes turn it off for the duration of their transaction.
      Connection connection = config.createConnection(url);
      try {
        return new SqliteDatabase(
            file, connection, SqliteReaders.open(file, BUSY_TIMEOUT_MILLIS), clock);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    } catch (Exception e) {
      throw new StoreException(
          "Cannot open the Fleetgate database " + file + ": " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  /** The writer connection: only for work inside {@link #write}. */
  Connection connection() {
    return connection;
  }

  Clock clock() {
    return clock;
  }

  /** Work on a connection (the writer's or a reader's) that may throw SQL errors. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs the work in a write transaction: committed when it returns, rolled back when it throws.
   */
  <T> T write(String action, Work<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        // Rolled back before autocommit is turned on again: turning it on commits what is pending.
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
   * Runs read-only work on a reader connection of its own (autocommit: SQLite's implicit read
   * transaction per statement), so that long reads — a report over a million rows — neither take
   * the writer's lock nor, in WAL mode, block the writer or other readers. It sees what was
   * committed when its statement started.
   */
  <T> T read(String action, Work<T> work) {
    try {
      return readers.read(action, work);
    } catch (SQLException e) {
      throw new StoreException("Cannot " + action + " in " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      readers.close();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("Cannot close " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
