package io.fleetgate.cli;

import java.nio.file.Path;

/** The data directory: database, working copies, supervised OPA server. */
final class DataDir {

  private DataDir() {}

  /**
   * Opens the records in the data directory.
   *
   * @throws IllegalArgumentException (bad input, exit 2) when there are none
   */
  static io.fleetgate.store.sqlite.SqliteStore openRecords(Path given) {
    Path dir = orDefault(given);
    if (!java.nio.file.Files.isRegularFile(
        dir.resolve(io.fleetgate.store.sqlite.SqliteStore.FILE))) {
      throw new IllegalArgumentException(
          "no Fleetgate records in "
              + dir
              + "; run 'fleetgate sync --once' first or pass --data-dir");
    }
    return io.fleetgate.store.sqlite.SqliteStore.open(dir, java.time.Clock.systemUTC());
  }

  static Path orDefault(Path given) {
    return given != null ? given : Path.of(System.getProperty("user.home"), ".fleetgate", "data");
  }
}
