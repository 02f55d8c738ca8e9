package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each real sync leaves the chain's head beside the records; a later truncation is caught. */
@SandboxFleetTest
class AuditHeadIT {

  @Test
  void eachRunExportsTheHeadAndVerifyAgainstItCatchesATruncatedTail(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    Path data = work.resolve("data");
    String[] sync = {
      "sync",
      "--once",
      "--repo",
      repo.dir().toString(),
      "--management-kubeconfig",
      sandbox.managementKubeconfig().toString(),
      "--data-dir",
      data.toString(),
      "--cluster",
      "aws-cn-north-1-prod"
    };
    assertThat(run(sync).code()).isZero();
    JsonNode first = new ObjectMapper().readTree(data.resolve("audit-head.json").toFile());
    long rows = first.get("rows").asLong();
    assertThat(rows).isPositive();
    assertThat(run("audit", "verify", "--data-dir", data.toString()).out())
        .contains("intact: " + rows + " rows, head " + first.get("hash").asText());

    Path kept = work.resolve("kept-head.json");
    java.nio.file.Files.copy(data.resolve("audit-head.json"), kept);
    assertThat(run(sync).code()).isZero();
    JsonNode second = new ObjectMapper().readTree(data.resolve("audit-head.json").toFile());
    assertThat(second.get("rows").asLong()).as("a second run appends").isGreaterThan(rows);

    try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var s = c.createStatement()) {
      s.executeUpdate("DELETE FROM audit_log WHERE sequence > " + (rows - 1));
    }
    CliRun verify =
        run("audit", "verify", "--data-dir", data.toString(), "--expect-head", kept.toString());
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.out()).contains("Audit chain intact").contains("removed from its end");
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
