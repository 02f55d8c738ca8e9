package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.cli.Main;
import io.fleetgate.domain.Revision;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.tools.ToolCache;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
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
    Path repo = work.resolve("fleet");
    Path clusters = Path.of(System.getProperty("fleetgate.root", ".."), "clusters");
    try (Stream<Path> files = Files.walk(clusters)) {
      for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
        Path copy = repo.resolve(clusters.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
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
    Instant when = Instant.parse("2026-11-20T10:00:00Z");
    try (SqliteStore store = SqliteStore.open(data, Clock.fixed(when, ZoneOffset.UTC))) {
      store.recordRevision(new Revision("a1", "Ana Operator <ana@example.com>", when, "Debug pod"));
      store.append(
          List.of(
              new AuditEvent("policy", "beijing-prod", "", "a1", "", "evaluated", "3"),
              new AuditEvent(
                  "policy",
                  "beijing-prod",
                  "payments",
                  "a1",
                  "Pod payments/debug",
                  "denied",
                  "privileged_containers: Pod payments/debug: runs privileged (bundles/payments/debug.yaml:1)"),
              new AuditEvent(
                  "policy",
                  "beijing-prod",
                  "payments",
                  "a1",
                  "Pod payments/debug",
                  "waived",
                  "image_pinned: Pod payments/debug: unpinned (bundles/payments/debug.yaml:1)")));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      ComplianceReport report =
          new ReportBuilder(store.history(), store, PolicyCatalog.builtIn())
              .build(
                  new ComplianceReport.Scope(
                      Instant.parse("2026-11-01T00:00:00Z"),
                      Instant.parse("2026-12-01T00:00:00Z"),
                      null,
                      null,
                      Instant.now()));
      AuditReportFormat.SARIF.write(report, out);
    }

    assertThat(schema().validate(new ObjectMapper().readTree(out.toByteArray()))).isEmpty();
  }
}
