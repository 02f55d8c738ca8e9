package io.fleetgate.anchor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Ed25519 keys in PEM ({@code openssl genpkey -algorithm ed25519}; the public half from {@code
 * openssl pkey -pubout}), signing heads and checking them. Errors name the file and never quote it.
 */
public final class SigningKeys {

  private static final String ALGORITHM = "Ed25519";

  private SigningKeys() {}

  /**
   * @throws IllegalArgumentException naming the file when it is not an Ed25519 private key in PEM
   */
  public static PrivateKey privateKey(Path pem) {
    byte[] der = der(pem, "PRIVATE KEY", "openssl genpkey -algorithm ed25519 -out FILE");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          pem
              + " is not an Ed25519 private key; create one with"
              + " 'openssl genpkey -algorithm ed25519 -out FILE'",
          e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the file when it is not an Ed25519 public key in PEM
   */
  public static PublicKey publicKey(Path pem) {
    byte[] der = der(pem, "PUBLIC KEY", "openssl pkey -in KEY -pubout -out FILE");
    return publicKey(der, pem.toString());
  }

  /** Signs the head with the key. */
  public static ExportedHead sign(ExportedHead head, PrivateKey key) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(head.signedText().getBytes(StandardCharsets.UTF_8));
      String value = Base64.getEncoder().encodeToString(signer.sign());
      return new ExportedHead(
          head.head(),
          head.exportedAt(),
          Optional.of(new ExportedHead.HeadSignature(ALGORITHM, value)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign the audit head: " + e.getMessage(), e);
    }
  }

  /** Checks the head's signature with the trusted key. */
  public static SignatureCheck check(ExportedHead head, PublicKey trusted) {
    if (head.signature().isEmpty()) {
      return SignatureCheck.UNSIGNED;
    }
    ExportedHead.HeadSignature signature = head.signature().get();
    if (!ALGORITHM.equals(signature.algorithm())) {
      return SignatureCheck.INVALID;
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(trusted);
      verifier.update(head.signedText().getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signature.value()))
          ? SignatureCheck.VALID
          : SignatureCheck.INVALID;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return SignatureCheck.INVALID;
    }
  }

  private static PublicKey publicKey(byte[] der, String where) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          where
              + " is not an Ed25519 public key; derive it with"
              + " 'openssl pkey -in KEY -pubout -out FILE'",
          e);
    }
  }

  private static byte[] der(Path pem, String label, String remedy) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the key file " + pem + ": " + e, e);
    }
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          pem + " holds no PEM '" + label + "' block; create it with '" + remedy + "'");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          pem
              + ": the PEM '"
              + label
              + "' block is not valid base64; create it with '"
              + remedy
              + "'",
          e);
    }
  }
}
