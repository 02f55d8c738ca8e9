package io.fleetgate.policy.opaserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The supervised server's token and its authorization policy ({@code system.authz}, which OPA
 * consults for every request under {@code --authorization=basic}): the token's SHA-256 and the only
 * requests it may make — the two decisions and {@code /health}. Nothing else, with or without the
 * token: no policy or data can be listed, written or deleted over the API.
 */
final class ServerAuthorization {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ServerAuthorization() {}

  /** 256 random bits, URL-safe base64. */
  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The Rego of {@code system.authz} admitting only this token, for only Fleetgate's requests. */
  static String policy(String token) {
    return """
        package system.authz

        # Written by Fleetgate for the OPA server it supervises: one token, two decisions.
        default allow := false

        token_ok if crypto.sha256(input.identity) == "%s"

        allow if {
        \ttoken_ok
        \tinput.method == "POST"
        \tinput.path in [
        \t\t["v1", "data", "fleetgate", "main", "decision"],
        \t\t["v1", "data", "fleetgate", "main", "changeset"],
        \t]
        }

        allow if {
        \ttoken_ok
        \tinput.method == "GET"
        \tinput.path == ["health"]
        }
        """
        .formatted(sha256(token));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
