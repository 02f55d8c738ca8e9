package io.fleetgate.console.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads {@code /api/v1/events} on a virtual thread and hands each event to a listener. When the
 * stream breaks it reconnects after a pause, sending the last id it saw as {@code Last-Event-ID},
 * so no event the platform still buffers is lost; a {@code reset} event tells the listener that
 * some were, or that the platform restarted (the id is not from its current run, which numbers its
 * events above every earlier run's), and it should reload.
 */
public final class PlatformEvents implements AutoCloseable {

  /** Receives events; called on the reader's thread, so hand UI work to the UI thread. */
  public interface Listener {
    void event(long id, String type, JsonNode data);

    /** The platform no longer has some events the reader missed. */
    default void reset() {}

    /** The stream broke and will be reopened; {@code problem} says why. */
    default void disconnected(String problem) {}
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final URI events;
  private final String token;
  private final Listener listener;
  private final AtomicLong lastId;
  private final AtomicReference<InputStream> open = new AtomicReference<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile boolean closed;
  private Thread reader;

  private PlatformEvents(URI base, String token, long lastEventId, Listener listener) {
    this.events = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/events");
    this.token = token;
    this.listener = listener;
    this.lastId = new AtomicLong(lastEventId);
  }

  static PlatformEvents open(URI base, String token, long lastEventId, Listener listener) {
    PlatformEvents stream = new PlatformEvents(base, token, lastEventId, listener);
    stream.reader = Thread.ofVirtual().name("fleetgate-events").start(stream::run);
    return stream;
  }

  /** The id of the last event handed to the listener. */
  public long lastId() {
    return lastId.get();
  }

  /** Breaks the current connection (the reader reconnects and resumes); for tests and recovery. */
  public void dropConnection() {
    InputStream in = open.get();
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // the reader sees the broken stream
      }
    }
  }

  private void run() {
    while (!closed) {
      try {
        readOnce();
        if (!closed) {
          listener.disconnected("the platform closed the event stream");
        }
      } catch (IOException e) {
        if (!closed) {
          listener.disconnected(e.getMessage());
        }
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        try {
          Thread.sleep(RETRY);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void readOnce() throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(events)
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token);
    if (lastId.get() > 0) {
      request.header("Last-Event-ID", Long.toString(lastId.get()));
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("the event stream answered HTTP " + response.statusCode());
    }
    open.set(response.body());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String type = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while (!closed && (line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          dispatch(id, type, data.toString());
          id = null;
          type = "message";
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
        }
      }
    } finally {
      open.set(null);
    }
  }

  private void dispatch(String id, String type, String data) throws IOException {
    if (data.isEmpty()) {
      return;
    }
    if (type.equals("reset")) {
      listener.reset();
      return;
    }
    if (id == null) {
      return;
    }
    long number = Long.parseLong(id);
    JsonNode event = JSON.readTree(data);
    listener.event(number, type, event.path("data"));
    lastId.set(number);
  }

  @Override
  public void close() {
    closed = true;
    dropConnection();
    if (reader != null) {
      reader.interrupt();
    }
  }
}
