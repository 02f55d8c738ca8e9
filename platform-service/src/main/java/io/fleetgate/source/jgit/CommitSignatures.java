package io.fleetgate.source.jgit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Checks that a commit carries an SSH signature by a key in an allowed-signers file (the format of
 * git's {@code gpg.ssh.allowedSignersFile}: {@code principal key-type key}), or, when the file
 * holds ASCII-armored OpenPGP public keys, an OpenPGP signature by one of them.
 */
final class CommitSignatures {

  private final Path allowedSigners;

  CommitSignatures(Path allowedSigners) {
    this.allowedSigners = allowedSigners;
  }

  /** An allowed-signers file of OpenPGP keys starts with an armor header. */
  private boolean openPgp() {
    try (var lines = Files.lines(allowedSigners)) {
      return lines
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .findFirst()
          .orElse("")
          .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** Why the commit may not be applied, or empty when an allowed signer signed it. */
  Optional<String> refusal(Repository repository, RevCommit commit) {
    if (!Files.isRegularFile(allowedSigners)) {
      return Optional.of("the allowed-signers file " + allowedSigners + " does not exist");
    }
    if (openPgp()) {
      return new OpenPgpSignatures(allowedSigners).refusal(commit);
    }
    if (commit.getRawGpgSignature() == null) {
      return Optional.of(
          "commit "
              + commit.abbreviate(12).name()
              + " is not signed; this fleet accepts only commits signed by an allowed signer");
    }
    Config config = new Config();
    config.setString("gpg", null, "format", "ssh");
    config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toString());
    try {
      SignatureVerifier.SignatureVerification verification =
          SignatureVerifiers.verify(repository, new GpgConfig(config), commit);
      if (verification == null) {
        return Optional.of(
            "commit "
                + commit.abbreviate(12).name()
                + " has a signature of a kind Fleetgate cannot verify (SSH signatures are supported)");
      }
      if (!verification.verified()) {
        return Optional.of(
            "commit "
                + commit.abbreviate(12).name()
                + " is not signed by a key in "
                + allowedSigners
                + " ("
                + verification.message()
                + ")");
      }
      if (verification.trustLevel() != SignatureVerifier.TrustLevel.FULL
          && verification.trustLevel() != SignatureVerifier.TrustLevel.ULTIMATE) {
        return Optional.of(
            "commit "
                + commit.abbreviate(12).name()
                + " is signed by a key that is not in "
                + allowedSigners.getFileName()
                + (verification.message() == null ? "" : ": " + verification.message()));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(
          "the signature of commit "
              + commit.abbreviate(12).name()
              + " cannot be checked: "
              + e.getMessage());
    }
  }
}
