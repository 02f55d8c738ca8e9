package io.fleetgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.sync.SyncOptions;
import io.fleetgate.sync.SyncReport;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protected fleet: only commits SSH-signed by an allowed key (signed with git and ssh-keygen) are
 * applied.
 */
@SandboxFleetTest
class SignedCommitsIT {

  private static final String AWS = "aws-cn-north-1-prod";
  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");

  @Test
  void appliesOnlyCommitsSignedByAnAllowedSigner(SandboxFleetHandle sandbox, @TempDir Path work)
      throws Exception {
    Path trusted = key(work, "trusted");
    Path stranger = key(work, "stranger");
    Path allowedSigners = work.resolve("allowed_signers");
    Files.writeString(allowedSigners, "ana@example.com " + publicKey(trusted) + "\n");
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    git(repo.dir(), null, "commit", "--allow-empty", "-q", "-m", "Unsigned seed");
    git(repo.dir(), trusted, "commit", "--allow-empty", "-q", "-S", "-m", "Signed by Ana");

    SyncReport signed = sync(sandbox, repo, work, allowedSigners);
    assertThat(signed.stale()).as(signed.staleReason()).isFalse();
    assertThat(signed.outcomes()).isNotEmpty();

    writeRetention(repo, "99d");
    git(repo.dir(), null, "commit", "-q", "-a", "-m", "Unsigned change");
    SyncReport unsigned = sync(sandbox, repo, work, allowedSigners);

    assertThat(unsigned.stale()).isTrue();
    assertThat(unsigned.staleReason()).contains("is not signed;").contains("allowed signer");
    assertThat(retention(sandbox)).as("the unsigned change is not applied").isNotEqualTo("99d");

    git(repo.dir(), stranger, "commit", "--allow-empty", "-q", "-S", "-m", "Signed by a stranger");
    SyncReport strangers = sync(sandbox, repo, work, allowedSigners);

    assertThat(strangers.stale()).isTrue();
    assertThat(strangers.staleReason())
        .contains("is not signed by a key in")
        .contains("allowed_signers");
    assertThat(retention(sandbox)).isNotEqualTo("99d");

    git(
        repo.dir(),
        trusted,
        "commit",
        "--allow-empty",
        "-q",
        "-S",
        "-m",
        "Reviewed and signed by Ana");
    SyncReport reviewed = sync(sandbox, repo, work, allowedSigners);

    assertThat(reviewed.stale()).as(reviewed.staleReason()).isFalse();
    assertThat(retention(sandbox)).isEqualTo("99d");
  }

  @Test
  void acceptsOpenPgpSignaturesByTheArmoredKeysListed(@TempDir Path work) throws Exception {
    Path gnupg = Files.createDirectories(work.resolve("g"));
    Files.setPosixFilePermissions(
        gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    try {
      gpg(
          gnupg,
          work,
          "--quick-gen-key",
          "Ana Operator <ana@example.com>",
          "rsa3072",
          "sign",
          "never");
      gpg(
          gnupg,
          work,
          "--quick-gen-key",
          "Mallory <mallory@example.com>",
          "rsa3072",
          "sign",
          "never");
      Path allowed = work.resolve("allowed.asc");
      Files.writeString(allowed, gpg(gnupg, work, "--armor", "--export", "ana@example.com"));
      FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
      var source =
          new io.fleetgate.source.jgit.GitSource(
              repo.dir().toString(), "main", work.resolve("data"), allowed, null);

      assertThat(source.fetch())
          .as("the seed commit is unsigned")
          .isInstanceOfSatisfying(
              SourceFetcher.Fetch.Refused.class,
              r -> assertThat(r.reason()).contains("is not signed;"));

      gitWithGpg(
          repo.dir(),
          gnupg,
          "ana@example.com",
          "commit",
          "--allow-empty",
          "-q",
          "-S",
          "-m",
          "Signed by Ana");
      assertThat(source.fetch()).isInstanceOf(SourceFetcher.Fetch.Fresh.class);

      gitWithGpg(
          repo.dir(),
          gnupg,
          "mallory@example.com",
          "commit",
          "--allow-empty",
          "-q",
          "-S",
          "-m",
          "Signed by Mallory");
      assertThat(source.fetch())
          .isInstanceOfSatisfying(
              SourceFetcher.Fetch.Refused.class,
              r ->
                  assertThat(r.reason())
                      .contains("is not signed by a key in")
                      .contains("allowed.asc"));
    } finally {
      new ProcessBuilder("gpgconf", "--kill", "gpg-agent")
          .directory(work.toFile())
          .redirectErrorStream(true)
          .start()
          .waitFor();
    }
  }

  private static String gpg(Path home, Path dir, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "gpg",
                "--homedir",
                home.toString(),
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                ""));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
    return output;
  }

  private static void gitWithGpg(Path repo, Path gnupg, String key, String... args)
      throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=Ana Operator",
                "-c",
                "user.email=ana@example.com",
                "-c",
                "gpg.format=openpgp",
                "-c",
                "user.signingkey=" + key));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    builder.environment().put("GNUPGHOME", gnupg.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static SyncReport sync(
      SandboxFleetHandle sandbox, FleetRepo repo, Path work, Path allowedSigners) throws Exception {
    var config =
        new SyncSetup.Config(
            repo.dir().toString(),
            "main",
            sandbox.managementKubeconfig(),
            work.resolve("data"),
            SyncSetup.Engine.WASM,
            null,
            allowedSigners);
    try (SyncSetup setup = SyncSetup.open(config, Clock.systemUTC())) {
      return setup.engine().syncOnce(new SyncOptions(Optional.of(AWS), false, false));
    }
  }

  private static void writeRetention(FleetRepo repo, String days) {
    String file = "aws-cn-north-1-prod/observability.yaml";
    repo.write(file, repo.read(file).replaceAll("retention: \\d+d", "retention: " + days));
  }

  private static String retention(SandboxFleetHandle sandbox) {
    return sandbox
        .cluster(AWS)
        .get(CONFIG_MAP, "platform-observability", "prometheus-retention")
        .orElseThrow()
        .at("data", "retention")
        .orElseThrow()
        .getAsString();
  }

  private static Path key(Path work, String name) throws Exception {
    Path key = work.resolve(name);
    run(
        work,
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            name + "@example.com",
            "-f",
            key.toString()));
    return key;
  }

  private static String publicKey(Path key) throws Exception {
    String[] parts = Files.readString(Path.of(key + ".pub")).trim().split(" ");
    return parts[0] + " " + parts[1];
  }

  private static void git(Path repo, Path signingKey, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("git", "-c", "user.name=Ana Operator", "-c", "user.email=ana@example.com"));
    if (signingKey != null) {
      command.addAll(
          List.of("-c", "gpg.format=ssh", "-c", "user.signingkey=" + signingKey + ".pub"));
    }
    command.addAll(List.of(args));
    run(repo, command);
  }

  private static void run(Path dir, List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
