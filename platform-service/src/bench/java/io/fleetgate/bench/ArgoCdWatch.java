package io.fleetgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows Argo CD's application watch stream ({@code GET /api/v1/stream/applications}, as its UI
 * does) on a thread of its own, reconnecting when it ends, so that a benchmark sees when Argo CD
 * reports a commit synced: an Application's {@code status.operationState} in phase {@code
 * Succeeded} with {@code syncResult.revision} the commit, which Argo CD writes after its sync
 * applied every resource.
 */
final class ArgoCdWatch implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one change said: the Application, its operation's phase and revision, when it came. */
  private record Operation(long nanos, String application, String phase, String revision) {}

  private final LinkedBlockingQueue<Operation> operations = new LinkedBlockingQueue<>();
  private final AtomicReference<InputStream> stream = new AtomicReference<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Thread reader;
  private volatile boolean closed;

  private ArgoCdWatch(HttpClient http, URI server, String token, String selector) {
    URI uri =
        server.resolve(
            "/api/v1/stream/applications?selector="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    reader =
        Thread.ofPlatform()
            .name("bench-argocd-watch")
            .daemon()
            .start(() -> follow(http, uri, token));
  }

  /** Follows the Applications that {@code selector} (a label selector) selects. */
  static ArgoCdWatch follow(HttpClient http, URI server, String token, String selector) {
    return new ArgoCdWatch(http, server, token, selector);
  }

  private void follow(HttpClient http, URI uri, String token) {
    while (!closed) {
      try {
        HttpRequest request =
            HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          response.body().close();
          throw new IllegalStateException("Argo CD's watch answered " + response.statusCode());
        }
        stream.set(response.body());
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            if (!line.isBlank()) {
              read(System.nanoTime(), JSON.readTree(line));
            }
          }
        }
      } catch (Exception e) {
        if (!closed) {
          failure.set(e);
          try {
            Thread.sleep(200);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }
  }

  private void read(long nanos, JsonNode line) {
    JsonNode application = line.path("result").path("application");
    JsonNode operation = application.path("status").path("operationState");
    if (!operation.isMissingNode()) {
      operations.add(
          new Operation(
              nanos,
              application.path("metadata").path("name").asText(),
              operation.path("phase").asText(),
              operation.path("syncResult").path("revision").asText()));
    }
  }

  /**
   * Waits until every one of {@code applications} has reported a succeeded sync of {@code commit}
   * and returns when the last report arrived ({@link System#nanoTime()}); fails as soon as one
   * reports that sync failed.
   */
  long awaitSynced(String commit, Collection<String> applications, Duration timeout)
      throws InterruptedException {
    Set<String> synced = new HashSet<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = 0;
    while (!synced.containsAll(applications)) {
      Operation op = operations.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (op == null) {
        throw new IllegalStateException(
            "Argo CD did not report "
                + commit
                + " synced by "
                + applications.stream().filter(a -> !synced.contains(a)).toList()
                + " within "
                + timeout.toSeconds()
                + " s",
            failure.get());
      }
      if (!commit.equals(op.revision()) || !applications.contains(op.application())) {
        continue;
      }
      if (op.phase().equals("Failed") || op.phase().equals("Error")) {
        throw new IllegalStateException(
            "Argo CD's sync of " + commit + " by " + op.application() + " ended " + op.phase());
      }
      if (op.phase().equals("Succeeded") && synced.add(op.application())) {
        last = op.nanos();
      }
    }
    return last;
  }

  @Override
  public void close() {
    closed = true;
    InputStream in = stream.get();
    if (in != null) {
      try {
        in.close();
      } catch (java.io.IOException e) {
        // the reader ends either way
      }
    }
    reader.interrupt();
  }
}
