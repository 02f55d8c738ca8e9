package io.fleetgate.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.audit.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records are the owner's alone: the data directory 0700, the database and its WAL 0600. */
class PrivateRecordsTest {

  @Test
  void aNewDataDirectoryAndItsDatabaseAreOwnerOnly(@TempDir Path work) throws Exception {
    Path data = work.resolve("data");
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      store.append(List.of(new AuditEvent("fetch", "", "", "abc", "", "fetched", "x")));

      assertThat(permissions(data)).isEqualTo("rwx------");
      for (String file : List.of("fleetgate.db", "fleetgate.db-wal", "fleetgate.db-shm")) {
        assertThat(data.resolve(file)).exists();
        assertThat(permissions(data.resolve(file))).as(file).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void anExistingOpenDataDirectoryAndDatabaseAreTightened(@TempDir Path work) throws Exception {
    Path data = work.resolve("data");
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      store.append(List.of(new AuditEvent("fetch", "", "", "abc", "", "fetched", "x")));
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        data.resolve("fleetgate.db"), PosixFilePermissions.fromString("rw-r--r--"));

    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      assertThat(permissions(data)).isEqualTo("rwx------");
      assertThat(permissions(data.resolve("fleetgate.db"))).isEqualTo("rw-------");
    }
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
