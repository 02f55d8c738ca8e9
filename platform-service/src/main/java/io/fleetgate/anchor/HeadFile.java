package io.fleetgate.anchor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetgate.audit.AuditHead;
import io.fleetgate.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A head as JSON: {@code {"kind": "FleetgateAuditHead", "version": 1, "rows": N, "hash": "…",
 * "exportedAt": "…", "signature": {"algorithm": "Ed25519", "value": "…"}}}.
 */
public final class HeadFile {

  /** The file each run writes in the data directory. */
  public static final String NAME = "audit-head.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KIND = "FleetgateAuditHead";
  private static final long LIMIT = 64 * 1024;

  private HeadFile() {}

  public static String toJson(ExportedHead head) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", KIND);
    root.put("version", 1);
    root.put("rows", head.head().rows());
    root.put("hash", head.head().hash());
    root.put("exportedAt", head.exportedAt().toString());
    head.signature()
        .ifPresent(
            s ->
                root.putObject("signature")
                    .put("algorithm", s.algorithm())
                    .put("value", s.value()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the head owner-only and atomically (a reader sees the old head or the new one). */
  public static void write(Path file, ExportedHead head) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      OwnerOnly.directory(parent);
      Path tmp = parent.resolve(file.getFileName() + ".tmp");
      OwnerOnly.file(tmp);
      Files.writeString(tmp, toJson(head), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the audit head " + file + ": " + e, e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the file (and line) when it is not a head file
   */
  public static ExportedHead read(Path file) {
    String text;
    try {
      if (Files.size(file) > LIMIT) {
        throw new IllegalArgumentException(
            file + " is larger than an audit head file can be (" + LIMIT / 1024 + " KiB)");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the audit head " + file + ": " + e, e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file
              + ":"
              + e.getLocation().getLineNr()
              + ": not JSON ("
              + e.getOriginalMessage()
              + "); expected the output of 'fleetgate audit head'",
          e);
    }
    if (root == null || !KIND.equals(root.path("kind").asText())) {
      throw new IllegalArgumentException(
          file
              + " is not an audit head (no \"kind\": \""
              + KIND
              + "\"); expected the output of"
              + " 'fleetgate audit head'");
    }
    try {
      AuditHead head = new AuditHead(number(root, "rows", file), root.path("hash").asText(null));
      Instant exportedAt = Instant.parse(root.path("exportedAt").asText(""));
      JsonNode signature = root.path("signature");
      return new ExportedHead(
          head,
          exportedAt,
          signature.isObject()
              ? Optional.of(
                  new ExportedHead.HeadSignature(
                      signature.path("algorithm").asText(""), signature.path("value").asText("")))
              : Optional.empty());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static long number(JsonNode root, String field, Path file) {
    JsonNode value = root.path(field);
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a whole number");
    }
    return value.asLong();
  }
}
