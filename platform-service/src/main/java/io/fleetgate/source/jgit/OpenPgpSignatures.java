package io.fleetgate.source.jgit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Verifies a commit's OpenPGP signature against the public keys in an allowed-keys file (ASCII
 * armored, as {@code gpg --export --armor} writes them). Only those keys count; no keyring, trust
 * database or key server is consulted.
 */
final class OpenPgpSignatures {

  private final Path allowedKeys;

  OpenPgpSignatures(Path allowedKeys) {
    this.allowedKeys = allowedKeys;
  }

  /** Why the commit may not be applied, or empty when an allowed key signed it. */
  Optional<String> refusal(RevCommit commit) {
    String id = commit.abbreviate(12).name();
    byte[] signature = commit.getRawGpgSignature();
    if (signature == null) {
      return Optional.of(
          "commit "
              + id
              + " is not signed; this fleet accepts only commits signed by an allowed key");
    }
    try (InputStream keys = PGPUtil.getDecoderStream(Files.newInputStream(allowedKeys))) {
      PGPPublicKeyRingCollection allowed =
          new PGPPublicKeyRingCollection(keys, new JcaKeyFingerprintCalculator());
      PGPSignature sig = parse(signature);
      PGPPublicKey key = allowed.getPublicKey(sig.getKeyID());
      if (key == null) {
        return Optional.of(
            "commit "
                + id
                + " is not signed by a key in "
                + allowedKeys
                + " (key "
                + Long.toHexString(sig.getKeyID()).toUpperCase()
                + ")");
      }
      sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
      sig.update(signedPayload(commit.getRawBuffer()));
      return sig.verify()
          ? Optional.empty()
          : Optional.of("commit " + id + " has a signature that does not match its content");
    } catch (IOException | PGPException | RuntimeException e) {
      return Optional.of("the signature of commit " + id + " cannot be checked: " + e.getMessage());
    }
  }

  private static PGPSignature parse(byte[] armored) throws IOException {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
      Object object = new JcaPGPObjectFactory(in).nextObject();
      if (object instanceof PGPSignatureList list && !list.isEmpty()) {
        return list.get(0);
      }
      throw new IOException("the gpgsig header holds no OpenPGP signature");
    }
  }

  /**
   * The commit as it was signed: its raw object without the gpgsig header (and its continuation
   * lines).
   */
  static byte[] signedPayload(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headersEnd = text.indexOf("\n\n");
    String headers = headersEnd < 0 ? text : text.substring(0, headersEnd + 1);
    StringBuilder kept = new StringBuilder();
    boolean inSignature = false;
    for (String line : headers.split("\n", -1)) {
      if (line.startsWith("gpgsig ")) {
        inSignature = true;
        continue;
      }
      if (inSignature && line.startsWith(" ")) {
        continue;
      }
      inSignature = false;
      kept.append(line).append('\n');
    }
    String payload =
        kept.substring(0, kept.length() - 1)
            + (headersEnd < 0 ? "" : text.substring(headersEnd + 1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(payload.getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }
}
