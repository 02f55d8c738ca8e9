package io.fleetgate.audit;

import java.util.Optional;

/**
 * Whether today's chain still reaches a head exported earlier: rows appended since are fine, rows
 * removed from the end or a chain recomputed after an edit are not. The chain itself must verify
 * too ({@link AuditLog#verify()}); a recomputed chain verifies, which is why the head is kept
 * apart.
 */
public sealed interface HeadCheck {

  /** What a person reads. */
  String explanation();

  default boolean holds() {
    return this instanceof Holds;
  }

  /** The chain still has the expected row with the expected hash. */
  record Holds(AuditHead expected, long rowsNow) implements HeadCheck {
    @Override
    public String explanation() {
      return "the chain reaches the expected head (row "
          + expected.rows()
          + ", "
          + expected.hash()
          + "); "
          + (rowsNow - expected.rows())
          + " row(s) appended since";
    }
  }

  /** Rows were removed from the end: the log is shorter than when the head was exported. */
  record Truncated(AuditHead expected, long rowsNow) implements HeadCheck {
    @Override
    public String explanation() {
      return "the audit log has "
          + rowsNow
          + " row(s) but had "
          + expected.rows()
          + " when the head was exported: "
          + (expected.rows() - rowsNow)
          + " row(s) were removed from its end";
    }
  }

  /** The expected row is there with another hash: the chain was rewritten up to it. */
  record Rewritten(AuditHead expected, String hashNow) implements HeadCheck {
    @Override
    public String explanation() {
      return "row "
          + expected.rows()
          + " now hashes to "
          + hashNow
          + " but the exported head says "
          + expected.hash()
          + ": the chain was recomputed after a row at or before it was changed";
    }
  }

  /**
   * @param rowsNow how many rows the log has now
   * @param hashAtExpectedRow the hash stored now for the expected head's row, empty when missing
   */
  static HeadCheck of(AuditHead expected, long rowsNow, Optional<String> hashAtExpectedRow) {
    if (expected.rows() == 0) {
      return new Holds(expected, rowsNow);
    }
    if (rowsNow < expected.rows() || hashAtExpectedRow.isEmpty()) {
      return new Truncated(expected, rowsNow);
    }
    if (!hashAtExpectedRow.get().equals(expected.hash())) {
      return new Rewritten(expected, hashAtExpectedRow.get());
    }
    return new Holds(expected, rowsNow);
  }

  /** Checks the expected head against the log as it is now. */
  static HeadCheck against(AuditHead expected, AuditHeads log) {
    return of(expected, log.head().rows(), log.hashAt(expected.rows()));
  }
}
