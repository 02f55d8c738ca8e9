package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a real sync, nobody but the owner can read the records: the data directory, the database,
 * the working copy of the fleet repository and the reports.
 */
@SandboxFleetTest
class PrivateFilesIT {

  @Test
  void theDataDirectoryTheDatabaseTheWorkingCopyAndReportsAreOwnerOnly(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    Path data = work.resolve("data");
    int synced =
        run(
            "sync",
            "--once",
            "--repo",
            repo.dir().toString(),
            "--management-kubeconfig",
            sandbox.managementKubeconfig().toString(),
            "--data-dir",
            data.toString(),
            "--cluster",
            "aws-cn-north-1-prod");
    assertThat(synced).isZero();
    Path report = work.resolve("out").resolve("report.json");
    assertThat(
            run(
                "audit-report",
                "--data-dir",
                data.toString(),
                "--format",
                "json",
                "--out",
                report.toString()))
        .isZero();

    assertThat(mode(data)).isEqualTo("rwx------");
    assertThat(mode(data.resolve("sources"))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(data)) {
      List<Path> database =
          files.filter(f -> f.getFileName().toString().startsWith("fleetgate.db")).toList();
      assertThat(database).hasSizeGreaterThanOrEqualTo(1);
      for (Path file : database) {
        assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
      }
    }
    assertThat(mode(report)).isEqualTo("rw-------");
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static int run(String... args) {
    return CliRun.of(args).code();
  }
}
