package io.fleetgate.anchor;

import io.fleetgate.audit.AuditHead;
import io.fleetgate.audit.AuditHeads;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the chain's head after each run: to {@code DATA_DIR/audit-head.json} (signed when a key
 * is configured) and to the log, from where log shipping carries it off the host.
 */
public final class HeadExport {

  /** The environment variable naming the Ed25519 private key (PEM) that signs exported heads. */
  public static final String KEY_VARIABLE = "FLEETGATE_AUDIT_SIGNING_KEY";

  private static final Logger log = LoggerFactory.getLogger(HeadExport.class);

  private final Path file;
  private final Optional<PrivateKey> key;
  private final Clock clock;

  public HeadExport(Path file, Optional<PrivateKey> key, Clock clock) {
    this.file = file;
    this.key = key;
    this.clock = clock;
  }

  /**
   * To the data directory, signed with the key {@code FLEETGATE_AUDIT_SIGNING_KEY} names, if any.
   *
   * @throws IllegalArgumentException naming the variable and the file when the key is unusable
   */
  public static HeadExport inDataDirectory(Path dataDir, Clock clock) {
    String keyFile = System.getenv(KEY_VARIABLE);
    Optional<PrivateKey> key = Optional.empty();
    if (keyFile != null && !keyFile.isBlank()) {
      try {
        key = Optional.of(SigningKeys.privateKey(Path.of(keyFile.strip())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(KEY_VARIABLE + ": " + e.getMessage(), e);
      }
    }
    return new HeadExport(dataDir.resolve(HeadFile.NAME), key, clock);
  }

  /** The head as it is now, signed when a key is configured. */
  public ExportedHead take(AuditHead head) {
    ExportedHead unsigned = new ExportedHead(head, clock.instant(), Optional.empty());
    return key.map(k -> SigningKeys.sign(unsigned, k)).orElse(unsigned);
  }

  /** Writes the log's current head and logs it. */
  public ExportedHead export(AuditHeads heads) {
    ExportedHead head = take(heads.head());
    HeadFile.write(file, head);
    log.info(
        "Audit chain head: {} rows, hash {}{}",
        head.head().rows(),
        head.head().hash(),
        head.signature().isPresent() ? " (signed)" : "");
    return head;
  }

  public Path file() {
    return file;
  }
}
