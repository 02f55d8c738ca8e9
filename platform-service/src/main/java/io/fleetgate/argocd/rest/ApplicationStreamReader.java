package io.fleetgate.argocd.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.argocd.ApplicationChange;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.ChangeType;
import io.fleetgate.argocd.ServerText;
import io.fleetgate.argocd.rest.gen.model.V1alpha1Application;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads Argo CD's application watch stream ({@code GET /api/v1/stream/applications}):
 * newline-delimited JSON, each line {@code {"result":{"type":"ADDED|MODIFIED|DELETED",
 * "application":{...}}}} or, once, at the end, {@code {"error":{...}}}. The generator cannot
 * express such a stream, so this small reader does.
 *
 * <p>A line longer than {@code maxLineBytes} ends the reading before more of it is held in memory;
 * a line cut off by the end of the stream, or one that is not JSON of that shape, is an error; an
 * unknown change type is passed on as {@link ChangeType#UNKNOWN}. Not thread-safe.
 */
final class ApplicationStreamReader {

  private final InputStream in;
  private final int maxLineBytes;
  private final ObjectMapper json;
  private final String source;
  private long lineNumber;

  /**
   * @param in the stream, read from where it stands
   * @param maxLineBytes the longest line read; one application rarely needs more than a few MiB
   * @param json the mapper of the generated client
   * @param source what the stream is, for messages (the server URL)
   */
  ApplicationStreamReader(InputStream in, int maxLineBytes, ObjectMapper json, String source) {
    this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in);
    this.maxLineBytes = maxLineBytes;
    this.json = json;
    this.source = source;
  }

  /** The next item; empty when the stream ended cleanly after a whole line. */
  Optional<WatchItem> next() throws IOException {
    while (true) {
      byte[] line = readLine();
      if (line == null) {
        return Optional.empty();
      }
      if (isBlank(line)) {
        continue;
      }
      return Optional.of(parse(line));
    }
  }

  private WatchItem parse(byte[] line) {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JacksonException e) {
      throw malformed("is not JSON (" + ServerText.clean(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw malformed("cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (node.hasNonNull("error")) {
      JsonNode error = node.get("error");
      String message = error.path("message").asText(error.path("http_status").asText(""));
      return new WatchItem.StreamError(ServerText.clean(message), error.path("grpc_code").asInt(0));
    }
    JsonNode result = node.get("result");
    if (result == null || !result.isObject() || !result.path("application").isObject()) {
      throw malformed("holds neither a result with an application nor an error");
    }
    V1alpha1Application app;
    try {
      app = json.treeToValue(result.get("application"), V1alpha1Application.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw malformed("holds an application Fleetgate cannot read");
    }
    ChangeType type = ChangeType.of(result.path("type").asText(""));
    return new WatchItem.Change(
        new ApplicationChange(
            type, ApplicationModels.toApplication(app), ApplicationModels.toState(app)));
  }

  /** The next line without its newline; null at a clean end of stream. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b == -1) {
        if (line.size() == 0) {
          return null;
        }
        lineNumber++;
        throw malformed("was cut off: the stream ended in the middle of it");
      }
      if (b == '\n') {
        lineNumber++;
        return line.toByteArray();
      }
      if (line.size() == maxLineBytes) {
        lineNumber++;
        throw malformed("is longer than " + maxLineBytes + " bytes; reading stopped");
      }
      line.write(b);
    }
  }

  private static boolean isBlank(byte[] line) {
    return new String(line, StandardCharsets.UTF_8).isBlank();
  }

  private ArgoCdException malformed(String problem) {
    return new ArgoCdException(
        ArgoCdFailure.MALFORMED_ANSWER,
        "watch applications",
        "Line "
            + lineNumber
            + " of the application watch stream from Argo CD at "
            + source
            + " "
            + problem);
  }
}
