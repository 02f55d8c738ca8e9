package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.cli.Main;
import io.fleetgate.tools.ToolCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXParseException;

/**
 * Fleetgate's JUnit XML validates against the Surefire report schema CI servers read (fetched by
 * bin/setup).
 */
class JunitSchemaIT {

  private static Schema schema() throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory.newSchema(ToolCache.locate().path("junit-schema").toFile());
  }

  private static void validate(byte[] xml) throws Exception {
    schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  @Test
  void theSchemaRejectsATestSuiteWithoutItsCounts() {
    assertThatThrownBy(
            () ->
                validate(
                    "<testsuite name=\"x\"><testcase name=\"a\"/></testsuite>"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SAXParseException.class)
        .hasMessageContaining("tests");
  }

  @Test
  void validateWritesSchemaValidJunit(@TempDir Path work) throws Exception {
    Path repo = io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));
    Files.writeString(
        repo.resolve("bundles/payments/bad.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n  namespace: payments\ndata:\n  DB_PASSWORD: x\n");
    Files.writeString(
        repo.resolve("waivers.yaml"),
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: WaiverList
        waivers:
          - policy: secrets_in_config
            object: ConfigMap payments/db
            clusters: [beijing-prod]
            owner: payments-team
            reason: PAY-123
            expires: 2099-12-31
        """);
    int code =
        Main.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "validate",
            "--repo",
            repo.toString(),
            "--format",
            "junit",
            "--out",
            work.resolve("out.xml").toString());

    assertThat(code).isEqualTo(1);
    byte[] xml = Files.readAllBytes(work.resolve("out.xml"));
    assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<failure").contains("<skipped");
    validate(xml);
  }

  @Test
  void auditReportWritesSchemaValidJunit(@TempDir Path data) throws Exception {
    AuditHistories.dayOne(data);
    AuditHistories.dayTwo(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditReportFormat.JUNIT.write(AuditHistories.report(data, null), out);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("<failure");
    validate(out.toByteArray());
  }
}
