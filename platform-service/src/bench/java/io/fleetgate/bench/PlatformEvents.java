package io.fleetgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows the platform's Server-Sent Events ({@code GET /api/v1/events}) as the console does, on a
 * thread of its own, so that a benchmark sees a commit applied when the platform announces it: one
 * {@code sync.finished} event per cluster, published after the cluster's objects were applied and
 * the sync recorded.
 */
final class PlatformEvents implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Received CLOSED = new Received(0, JSON.createObjectNode());

  /** An event and when it arrived ({@link System#nanoTime()}). */
  private record Received(long nanos, JsonNode event) {}

  /**
   * How a sync of one commit ended.
   *
   * @param outcomes each cluster's outcome word (synced, denied, stalled, failed)
   * @param started when the platform's {@code sync.started} event arrived ({@link
   *     System#nanoTime()}), or 0 when none arrived during the wait
   * @param delivered with the {@code argocd} driver, how Argo CD's sync of each cluster's bundle
   *     ended, from its {@code argocd.synced} event ({@code SUCCEEDED}, …); empty without it
   */
  record Finished(Map<String, String> outcomes, long started, Map<String, String> delivered) {}

  private final LinkedBlockingQueue<Received> events = new LinkedBlockingQueue<>();
  private final AtomicReference<InputStream> stream = new AtomicReference<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Thread reader;
  private volatile boolean closed;

  private PlatformEvents(HttpClient http, URI base, String token, CountDownLatch connected) {
    reader =
        Thread.ofPlatform()
            .name("bench-events")
            .daemon()
            .start(() -> follow(http, base, token, connected));
  }

  /** Connects and returns once the stream is open: events from then on are seen. */
  static PlatformEvents follow(HttpClient http, URI base, String token) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    PlatformEvents events = new PlatformEvents(http, base, token, connected);
    if (!connected.await(30, TimeUnit.SECONDS)) {
      events.close();
      throw new IllegalStateException("cannot follow the platform's events", events.failure.get());
    }
    return events;
  }

  private void follow(HttpClient http, URI base, String token, CountDownLatch connected) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/api/v1/events"))
              .header("Accept", "text/event-stream")
              .header("Authorization", "Bearer " + token)
              .build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new IllegalStateException("GET /api/v1/events answered " + response.statusCode());
      }
      stream.set(response.body());
      connected.countDown();
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data:")) {
            long now = System.nanoTime();
            events.add(new Received(now, JSON.readTree(line.substring(5).trim())));
          }
        }
      }
    } catch (Exception e) {
      if (!closed) {
        failure.set(e);
      }
    } finally {
      events.add(CLOSED);
    }
  }

  /**
   * Waits until every one of {@code clusters} has reported a finished sync of {@code commit}.
   * Events about other commits (a sync that was already running) are skipped.
   */
  Finished awaitFinished(String commit, Collection<String> clusters, Duration timeout)
      throws InterruptedException {
    Map<String, String> outcomes = new LinkedHashMap<>();
    Map<String, String> delivered = new LinkedHashMap<>();
    long started = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outcomes.size() < clusters.size()) {
      Received received = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (received == null) {
        throw new IllegalStateException(
            "no sync of "
                + commit
                + " finished on "
                + clusters.stream().filter(c -> !outcomes.containsKey(c)).toList()
                + " within "
                + timeout.toSeconds()
                + " s");
      }
      if (received == CLOSED) {
        events.add(CLOSED);
        throw new IllegalStateException("the platform's event stream ended", failure.get());
      }
      JsonNode event = received.event();
      JsonNode data = event.path("data");
      if ("sync.started".equals(event.path("type").asText())) {
        started = received.nanos();
      } else if ("argocd.synced".equals(event.path("type").asText())
          && commit.equals(data.path("commit").asText())) {
        delivered.put(data.path("cluster").asText(), data.path("operation").asText());
      } else if ("sync.finished".equals(event.path("type").asText())
          && commit.equals(data.path("commit").asText())
          && clusters.contains(data.path("cluster").asText())) {
        outcomes.put(data.path("cluster").asText(), data.path("outcome").asText());
      }
    }
    return new Finished(outcomes, started, delivered);
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
