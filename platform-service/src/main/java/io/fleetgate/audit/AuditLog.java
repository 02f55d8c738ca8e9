package io.fleetgate.audit;

import java.util.List;

/** The append-only audit log. One writer; appends are durable when the call returns. */
public interface AuditLog {

  /** Chains and stores the events, in order, atomically. */
  List<AuditEntry> append(List<AuditEvent> events);

  /** Walks the whole chain from the first row. */
  Verification verify();

  /**
   * The result of walking the chain.
   *
   * @param rows how many rows were checked
   * @param head the hash of the last row ({@link AuditChain#GENESIS} when empty)
   * @param brokenAt the first row that breaks the chain, or 0
   * @param reason why it breaks, or ""
   */
  record Verification(long rows, String head, long brokenAt, String reason) {
    public boolean intact() {
      return brokenAt == 0;
    }
  }
}
