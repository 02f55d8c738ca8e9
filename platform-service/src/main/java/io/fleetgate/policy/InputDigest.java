package io.fleetgate.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** The SHA-256 of an input document's JSON text, as written for the policy engine. */
record InputDigest(long a, long b, long c, long d) {

  /** Digests JSON text already written. */
  static InputDigest of(String json) {
    return of(sha256().digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Digests the document as {@link PolicyInput#write} writes it, without keeping the text. */
  static InputDigest of(Map<String, Object> document) {
    MessageDigest sha = sha256();
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      PolicyInput.JSON.writeValue(out, document);
    } catch (IOException e) {
      throw new IllegalArgumentException("The policy input cannot be written as JSON", e);
    }
    return of(sha.digest());
  }

  private static InputDigest of(byte[] sha) {
    ByteBuffer bytes = ByteBuffer.wrap(sha);
    return new InputDigest(bytes.getLong(), bytes.getLong(), bytes.getLong(), bytes.getLong());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
