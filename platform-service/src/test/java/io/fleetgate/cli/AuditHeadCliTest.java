package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.store.sqlite.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetgate audit head} and {@code audit verify --expect-head} on a real database, with keys
 * made and signatures checked by the real {@code openssl}.
 */
class AuditHeadCliTest {

  @TempDir Path work;
  private Path data;

  @BeforeEach
  void records() {
    data = work.resolve("data");
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      for (int i = 1; i <= 4; i++) {
        store.append(
            List.of(
                new AuditEvent(
                    "apply", "beijing-prod", "b", "abc", "ConfigMap a/c" + i, "applied", "x:1")));
      }
    }
  }

  @Test
  void aTruncatedTailPassesPlainVerifyButNotTheExpectedHead() throws Exception {
    Path head = work.resolve("anchor").resolve("head.json");
    assertThat(run("audit", "head", "--data-dir", data.toString(), "--out", head.toString()).code())
        .isZero();
    JsonNode json = new ObjectMapper().readTree(head.toFile());
    assertThat(json.get("rows").asLong()).isEqualTo(4);
    assertThat(json.get("hash").asText()).hasSize(64);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(head)))
        .isEqualTo("rw-------");

    sql("DELETE FROM audit_log WHERE sequence = 4");

    CliRun plain = run("audit", "verify", "--data-dir", data.toString());
    assertThat(plain.code()).as("the chain alone looks intact").isZero();
    CliRun anchored =
        run("audit", "verify", "--data-dir", data.toString(), "--expect-head", head.toString());
    assertThat(anchored.code()).as(anchored.out() + anchored.err()).isEqualTo(1);
    assertThat(anchored.out())
        .contains("Expected head NOT REACHED")
        .contains("has 3 row(s) but had 4")
        .contains("removed from its end");
  }

  @Test
  void aSignedHeadVerifiesWithOpensslAndAForgedOneIsRefused() throws Exception {
    Path key = work.resolve("head.key");
    Path pub = work.resolve("head.pub");
    openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());

    CliRun printed =
        run("audit", "head", "--data-dir", data.toString(), "--signing-key", key.toString());
    assertThat(printed.code()).as(printed.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(printed.out());
    assertThat(json.at("/signature/algorithm").asText()).isEqualTo("Ed25519");
    Path head = Files.writeString(work.resolve("head.json"), printed.out());

    // The signature is standard Ed25519 over the documented text: openssl agrees.
    String signed =
        "fleetgate-audit-head/v1\nrows=4\nhash="
            + json.get("hash").asText()
            + "\nexportedAt="
            + json.get("exportedAt").asText()
            + "\n";
    Path payload = Files.writeString(work.resolve("payload"), signed);
    Path signature =
        Files.write(
            work.resolve("sig"), Base64.getDecoder().decode(json.at("/signature/value").asText()));
    openssl(
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        pub.toString(),
        "-rawin",
        "-in",
        payload.toString(),
        "-sigfile",
        signature.toString());

    CliRun good =
        run(
            "audit",
            "verify",
            "--data-dir",
            data.toString(),
            "--expect-head",
            head.toString(),
            "--head-public-key",
            pub.toString());
    assertThat(good.code()).as(good.out() + good.err()).isZero();
    assertThat(good.out()).contains("Expected head reached").contains("signed by the trusted key");

    // Someone who truncated the log also lowers the head's row count: the signature no longer fits.
    Path forged =
        Files.writeString(
            work.resolve("forged.json"), printed.out().replace("\"rows\" : 4", "\"rows\" : 3"));
    assertThat(Files.readString(forged)).isNotEqualTo(printed.out());
    CliRun refused =
        run(
            "audit",
            "verify",
            "--data-dir",
            data.toString(),
            "--expect-head",
            forged.toString(),
            "--head-public-key",
            pub.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).contains("REFUSED").contains("does not verify");
  }

  @Test
  void aRecomputedChainIsCaughtAndABrokenChainHasNoHead() throws Exception {
    Path head = work.resolve("head.json");
    assertThat(run("audit", "head", "--data-dir", data.toString(), "--out", head.toString()).code())
        .isZero();
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      // Rebuild the chain from scratch with different content but the same number of rows.
      sql("DELETE FROM audit_log");
      for (int i = 1; i <= 4; i++) {
        store.append(
            List.of(
                new AuditEvent(
                    "apply", "beijing-prod", "b", "abc", "ConfigMap a/c" + i, "denied", "x:1")));
      }
    }
    assertThat(run("audit", "verify", "--data-dir", data.toString()).code()).isZero();
    CliRun anchored =
        run("audit", "verify", "--data-dir", data.toString(), "--expect-head", head.toString());
    assertThat(anchored.code()).isEqualTo(1);
    assertThat(anchored.out()).contains("row 4 now hashes to").contains("recomputed");

    sql("UPDATE audit_log SET detail = 'edited' WHERE sequence = 2");
    CliRun broken = run("audit", "head", "--data-dir", data.toString());
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.err()).contains("BROKEN at row 2").contains("no head");
  }

  @Test
  void aHeadFileThatIsNotOneIsBadInputNamingTheFile() throws Exception {
    Path notAHead = Files.writeString(work.resolve("x.json"), "{\n  \"rows\": [\n");
    CliRun result =
        run("audit", "verify", "--data-dir", data.toString(), "--expect-head", notAHead.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains(notAHead + ":").contains("fleetgate audit head");
  }

  private void sql(String statement) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
