package io.fleetgate.audit;

import java.util.Optional;

/** Reads the chain's head, and the hash of any row, without walking the chain. */
public interface AuditHeads {

  /** The last row's sequence number and hash ({@link AuditHead#EMPTY} when there is none). */
  AuditHead head();

  /** The hash stored for row {@code sequence}, or empty when there is no such row. */
  Optional<String> hashAt(long sequence);
}
