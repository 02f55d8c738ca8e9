package io.fleetgate.httpapi;

import java.util.regex.Pattern;

/**
 * The last line of defence for secrets in responses: API tokens, private keys and bearer or basic
 * credentials that slipped into a message are replaced before anything is written.
 */
final class Redaction {

  private static final Pattern SECRETS =
      Pattern.compile(
          "fgt_[A-Za-z0-9_-]{20,}"
              + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"
              + "|(?i)(?<=bearer )[A-Za-z0-9._~+/=-]{8,}"
              + "|(?<=://)[^/\\s:@]+:[^/\\s@]+(?=@)");

  private Redaction() {}

  static String redact(String text) {
    return text == null ? null : SECRETS.matcher(text).replaceAll("[redacted]");
  }
}
