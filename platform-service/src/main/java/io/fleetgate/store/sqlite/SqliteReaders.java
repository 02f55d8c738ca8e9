package io.fleetgate.store.sqlite;

import io.fleetgate.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * The database's reader connections, apart from the one writer: in WAL mode each read sees the last
 * committed state and neither waits for the writer nor holds it up, so a report streaming a million
 * rows leaves token lookups, API reads and sync writes free. Readers are query-only; a read that
 * finds every reader busy waits for one, then fails naming the file.
 */
final class SqliteReaders implements AutoCloseable {

  /** Readers in the pool: a report, an audit verification and API reads at the same time. */
  static final int SIZE = 4;

  private final Path file;
  private final Duration wait;
  private final List<Connection> all = new ArrayList<>();
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(SIZE);

  private SqliteReaders(Path file, Duration wait) {
    this.file = file;
    this.wait = wait;
  }

  static SqliteReaders open(Path file, int busyTimeoutMillis) throws SQLException {
    SqliteReaders readers = new SqliteReaders(file, Duration.ofMillis(busyTimeoutMillis));
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(busyTimeoutMillis);
    config.enforceForeignKeys(true);
    try {
      for (int i = 0; i < SIZE; i++) {
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        readers.all.add(connection);
        try (Statement statement = connection.createStatement()) {
          statement.execute("PRAGMA query_only = 1");
        }
        readers.idle.add(connection);
      }
    } catch (SQLException e) {
      readers.close();
      throw e;
    }
    return readers;
  }

  /** Runs read-only work on an idle reader, in autocommit: one snapshot per statement. */
  <T> T read(String action, SqliteDatabase.Work<T> work) throws SQLException {
    Connection connection;
    try {
      connection = idle.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted waiting to " + action + " in " + file, e);
    }
    if (connection == null) {
      throw new StoreException(
          "Cannot "
              + action
              + " in "
              + file
              + ": all "
              + SIZE
              + " reader connections stayed busy for "
              + wait.toSeconds()
              + " s; try again when the running reports are done",
          null);
    }
    try {
      return work.run(connection);
    } finally {
      idle.add(connection);
    }
  }

  @Override
  public void close() {
    SQLException first = null;
    for (Connection connection : all) {
      try {
        connection.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new StoreException(
          "Cannot close the readers of " + file + ": " + first.getMessage(), first);
    }
  }
}
