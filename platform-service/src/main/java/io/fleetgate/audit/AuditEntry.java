package io.fleetgate.audit;

import java.time.Instant;

/**
 * One chained row of the audit log.
 *
 * @param sequence 1, 2, 3, … without gaps
 * @param time when it was recorded
 * @param previousHash the hash of the row before ({@link AuditChain#GENESIS} for the first)
 * @param hash SHA-256 over the previous hash and every field of this row
 */
public record AuditEntry(
    long sequence, Instant time, AuditEvent event, String previousHash, String hash) {}
