package io.fleetgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** The hash chain's rules: how a row's hash is computed and how a sequence of rows is verified. */
public final class AuditChain {

  /** The "previous hash" of the first row. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /**
   * SHA-256 over the previous hash and the row's fields, each length-prefixed so that no two
   * different rows serialise alike.
   */
  public static String hash(long sequence, Instant time, AuditEvent event, String previousHash) {
    return hash(sequence, time.toString(), event, previousHash);
  }

  /** As {@link #hash(long, Instant, AuditEvent, String)}, with the time already as ISO-8601. */
  private static String hash(long sequence, String time, AuditEvent event, String previousHash) {
    MessageDigest digest = sha256();
    for (String field :
        new String[] {
          previousHash,
          Long.toString(sequence),
          time,
          event.kind(),
          event.cluster(),
          event.bundle(),
          event.commit(),
          event.object(),
          event.decision(),
          event.detail()
        }) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Chains an event after the row whose hash is {@code previousHash}. */
  public static AuditEntry next(
      long sequence, Instant time, AuditEvent event, String previousHash) {
    return new AuditEntry(
        sequence, time, event, previousHash, hash(sequence, time, event, previousHash));
  }

  /**
   * Checks one row against the row before it.
   *
   * @return why the row breaks the chain, or empty when it holds
   */
  public static Optional<String> check(
      AuditEntry entry, long expectedSequence, String expectedPrevious) {
    return check(entry, entry.time().toString(), expectedSequence, expectedPrevious);
  }

  /**
   * As {@link #check(AuditEntry, long, String)}, with the entry's time already as ISO-8601 (rows of
   * one sync share it, so a verifier formats it once).
   */
  public static Optional<String> check(
      AuditEntry entry, String time, long expectedSequence, String expectedPrevious) {
    if (entry.sequence() != expectedSequence) {
      return Optional.of(
          "expected row "
              + expectedSequence
              + " but found row "
              + entry.sequence()
              + " (a row was deleted or inserted)");
    }
    if (!entry.previousHash().equals(expectedPrevious)) {
      return Optional.of(
          "its previous-hash does not match the row before (a row before it was changed or removed)");
    }
    if (!entry.hash().equals(hash(entry.sequence(), time, entry.event(), entry.previousHash()))) {
      return Optional.of("its content does not match its hash (the row was altered)");
    }
    return Optional.empty();
  }

  /** One digest per thread, reused: creating one per row costs more than hashing the row. */
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
          });

  private static MessageDigest sha256() {
    MessageDigest digest = DIGEST.get();
    digest.reset();
    return digest;
  }
}
