package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fleetgate.cli.Main;
import io.fleetgate.tools.ToolCache;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleetgate's SARIF validates against the published SARIF 2.1.0 JSON schema (fetched by bin/setup).
 */
class SarifSchemaIT {

  private static JsonSchema schema() throws Exception {
    try (InputStream in = Files.newInputStream(ToolCache.locate().path("sarif-schema"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  @Test
  void theSchemaRejectsALogThatIsNotSarif() throws Exception {
    assertThat(
            schema()
                .validate(
                    new ObjectMapper()
                        .readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}")))
        .isNotEmpty();
  }

  @Test
  void validateWritesSchemaValidSarif(@TempDir Path work) throws Exception {
    Path repo = io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));
    Files.writeString(
        repo.resolve("bundles/payments/bad.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n  namespace: payments\ndata:\n  DB_PASSWORD: x\n");
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "validate",
            "--repo",
            repo.toString(),
            "--format",
            "sarif",
            "--out",
            work.resolve("out.sarif").toString());

    assertThat(code).isEqualTo(1);
    JsonNode sarif = new ObjectMapper().readTree(work.resolve("out.sarif").toFile());
    assertThat(schema().validate(sarif)).isEmpty();
  }

  @Test
  void auditReportWritesSchemaValidSarif(@TempDir Path data) throws Exception {
    AuditHistories.dayOne(data);
    AuditHistories.dayTwo(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditReportFormat.SARIF.write(AuditHistories.report(data, null), out);

    assertThat(schema().validate(new ObjectMapper().readTree(out.toByteArray()))).isEmpty();
  }

  @Test
  void theCommandStreamsTheSameSarifAsTheBuiltReport(@TempDir Path data) throws Exception {
    AuditHistories.dayOne(data);
    AuditHistories.dayTwo(data);
    Path streamed = data.resolve("streamed.sarif");
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "audit-report",
            "--data-dir",
            data.toString(),
            "--from",
            "2026-11-01",
            "--to",
            "2026-12-01",
            "--format",
            "sarif",
            "--out",
            streamed.toString());
    ByteArrayOutputStream built = new ByteArrayOutputStream();
    AuditReportFormat.SARIF.write(AuditHistories.report(data, null), built);

    assertThat(code).isZero();
    JsonNode fromCommand = new ObjectMapper().readTree(streamed.toFile());
    assertThat(schema().validate(fromCommand)).isEmpty();
    assertThat(fromCommand.at("/runs/0/results"))
        .isEqualTo(new ObjectMapper().readTree(built.toByteArray()).at("/runs/0/results"));
    assertThat(fromCommand.at("/runs/0/results").size()).isEqualTo(2);
    assertThat(fromCommand.at("/runs/0/properties/auditChainIntact").asBoolean()).isTrue();
  }
}
