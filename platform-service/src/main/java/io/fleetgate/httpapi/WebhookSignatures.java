package io.fleetgate.httpapi;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks push webhooks the way each forge signs them: GitHub {@code X-Hub-Signature-256: sha256=}
 * and Gitea {@code X-Gitea-Signature} carry an HMAC-SHA256 of the body; GitLab sends the shared
 * secret itself in {@code X-Gitlab-Token}. Every comparison is constant-time.
 */
final class WebhookSignatures {

  enum Forge {
    GITHUB,
    GITLAB,
    GITEA;

    static Forge parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiError.notFound("no webhook for '" + name + "'; use github, gitlab or gitea");
      }
    }
  }

  private WebhookSignatures() {}

  /**
   * @param signature the forge's header value, or null when absent
   */
  static boolean valid(Forge forge, byte[] secret, byte[] body, String signature) {
    if (signature == null || secret.length == 0) {
      return false;
    }
    return switch (forge) {
      case GITHUB ->
          signature.startsWith("sha256=")
              && equal(hmac(secret, body), signature.substring(7).toLowerCase(Locale.ROOT));
      case GITEA -> equal(hmac(secret, body), signature.toLowerCase(Locale.ROOT));
      case GITLAB -> MessageDigest.isEqual(secret, signature.getBytes(StandardCharsets.UTF_8));
    };
  }

  static String hmac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  private static boolean equal(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
  }
}
