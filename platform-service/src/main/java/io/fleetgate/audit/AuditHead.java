package io.fleetgate.audit;

import java.util.HexFormat;

/**
 * The chain's head at one moment: how many rows it had and the hash of the last one. A copy kept
 * outside the database anchors the chain: rows removed from its end, or a chain recomputed from an
 * altered row, no longer reach it (see {@link HeadCheck}).
 *
 * @param rows the number of rows (the last row's sequence number), 0 for an empty log
 * @param hash the last row's SHA-256 hash in hex, {@link AuditChain#GENESIS} for an empty log
 */
public record AuditHead(long rows, String hash) {

  /** The head of an empty log. */
  public static final AuditHead EMPTY = new AuditHead(0, AuditChain.GENESIS);

  public AuditHead {
    if (rows < 0) {
      throw new IllegalArgumentException("an audit head has 0 rows or more, not " + rows);
    }
    if (hash == null || hash.length() != 64 || !isHex(hash)) {
      throw new IllegalArgumentException(
          "an audit head's hash is 64 lowercase hex digits (SHA-256), not '" + hash + "'");
    }
  }

  /** The head of a chain that verified. */
  public static AuditHead of(AuditLog.Verification verification) {
    if (!verification.intact()) {
      throw new IllegalArgumentException(
          "the audit chain is broken at row " + verification.brokenAt() + "; it has no head");
    }
    return new AuditHead(verification.rows(), verification.head());
  }

  private static boolean isHex(String text) {
    try {
      HexFormat.of().parseHex(text);
      return text.chars().noneMatch(Character::isUpperCase);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
