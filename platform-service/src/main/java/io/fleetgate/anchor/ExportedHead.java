package io.fleetgate.anchor;

import io.fleetgate.audit.AuditHead;
import java.time.Instant;
import java.util.Optional;

/**
 * A head as written to a file: when it was taken and, when a key was given, its signature.
 *
 * @param signature over {@link #signedText()}
 */
public record ExportedHead(AuditHead head, Instant exportedAt, Optional<HeadSignature> signature) {

  /** The exact bytes a signature covers (UTF-8): the format, the row count, the hash, the time. */
  public String signedText() {
    return "fleetgate-audit-head/v1\nrows="
        + head.rows()
        + "\nhash="
        + head.hash()
        + "\nexportedAt="
        + exportedAt
        + "\n";
  }

  /** A signature (base64) and its algorithm ({@code Ed25519}). */
  public record HeadSignature(String algorithm, String value) {}
}
