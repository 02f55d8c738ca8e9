package io.fleetgate.httpapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.events.EventLog;
import io.fleetgate.events.FleetEvent;
import io.javalin.http.sse.SseClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /api/v1/events}: first the events after the client's {@code Last-Event-ID} that
 * the log still holds (after a {@code reset} event when some are gone, or when the id is not from
 * this run of the platform — then every buffered event follows), then live events. Each client has
 * a bounded queue; a client too slow to keep up is disconnected and resumes from its last id,
 * rather than slowing the platform or growing without bound.
 */
final class EventStream {

  /** Events a client may fall behind by before it is disconnected. */
  static final int CLIENT_BUFFER = 1_000;

  private static final long HEARTBEAT_SECONDS = 10;
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);

  private final EventLog events;
  private final ObjectMapper json;

  EventStream(EventLog events, ObjectMapper json) {
    this.events = events;
    this.json = json;
  }

  void serve(SseClient client) {
    long lastSeen = lastSeen(client);
    BlockingQueue<FleetEvent> queue = new ArrayBlockingQueue<>(CLIENT_BUFFER);
    AtomicBoolean overflowed = new AtomicBoolean();
    EventLog.Subscription subscription =
        events.subscribe(
            lastSeen,
            event -> {
              if (!queue.offer(event)) {
                overflowed.set(true);
              }
            });
    try {
      if (subscription.gap()) {
        client.sendEvent(
            "reset",
            json.writeValueAsString(java.util.Map.of("reason", subscription.resume().reason())),
            null);
      }
      long sent = subscription.after();
      for (FleetEvent event : subscription.replay()) {
        send(client, event);
        sent = event.id();
      }
      while (!client.terminated() && !overflowed.get()) {
        FleetEvent event = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
          client.sendComment("heartbeat");
        } else if (event.id() > sent) {
          send(client, event);
          sent = event.id();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException("cannot write the reset event", e);
    } catch (IllegalStateException e) {
      // Jetty recycled the response under us (the client left, or the server is stopping):
      // nothing can be written any more. Were this to escape, Javalin's error handling would
      // loop on the recycled request (see ApiServer.responseGone).
      log.debug("Event stream ended: the response is gone ({})", e.getMessage());
    } finally {
      subscription.cancel().run();
      try {
        client.close();
      } catch (IllegalStateException e) {
        log.debug("Event stream already closed ({})", e.getMessage());
      }
    }
  }

  private void send(SseClient client, FleetEvent event) {
    try {
      String data =
          json.writeValueAsString(
              java.util.Map.of(
                  "id", event.id(),
                  "type", event.type(),
                  "time", event.time().toString(),
                  "data", event.data()));
      client.sendEvent(event.type(), data, Long.toString(event.id()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException("cannot write event " + event.id(), e);
    }
  }

  private static long lastSeen(SseClient client) {
    String header = client.ctx().header("Last-Event-ID");
    String given = header != null ? header : client.ctx().queryParam("lastEventId");
    if (given == null || given.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(given.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
