package io.fleetgate.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Numbers events and keeps the latest {@code capacity} of them for replay; subscribers hear each
 * new event on the publishing thread, under the log's lock, and must not block (hand the event to a
 * bounded queue).
 */
public final class EventLog {

  private final int capacity;
  private final Clock clock;
  private final ArrayDeque<FleetEvent> buffer;
  private final List<Consumer<FleetEvent>> subscribers = new CopyOnWriteArrayList<>();
  private long next = 1;

  public EventLog(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
    this.buffer = new ArrayDeque<>(capacity);
  }

  /**
   * Numbers, buffers and delivers an event. Delivery happens under the same lock as numbering and
   * subscribing, so every subscriber hears events in id order, each exactly once, and none falls
   * between a new subscriber's replay and its live events.
   */
  public synchronized FleetEvent publish(String type, Map<String, Object> data) {
    FleetEvent event = new FleetEvent(next++, type, clock.instant(), data);
    if (buffer.size() == capacity) {
      buffer.removeFirst();
    }
    buffer.addLast(event);
    for (Consumer<FleetEvent> subscriber : subscribers) {
      subscriber.accept(event);
    }
    return event;
  }

  /**
   * Subscribes and returns, atomically with it, the buffered events after {@code lastSeen}: no
   * event falls between the replay and the live ones.
   *
   * @param lastSeen the last id the client has, or 0 for none (then nothing is replayed)
   */
  public Subscription subscribe(long lastSeen, Consumer<FleetEvent> subscriber) {
    synchronized (this) {
      List<FleetEvent> missed = new ArrayList<>();
      boolean gap = false;
      if (lastSeen > 0) {
        for (FleetEvent event : buffer) {
          if (event.id() > lastSeen) {
            missed.add(event);
          }
        }
        gap = !buffer.isEmpty() && buffer.peekFirst().id() > lastSeen + 1;
      }
      subscribers.add(subscriber);
      return new Subscription(missed, gap, () -> subscribers.remove(subscriber));
    }
  }

  public synchronized long lastId() {
    return next - 1;
  }

  public int subscribers() {
    return subscribers.size();
  }

  /**
   * @param replay the buffered events the client missed
   * @param gap true when some it missed are no longer buffered (it should reload its state)
   */
  public record Subscription(List<FleetEvent> replay, boolean gap, Runnable cancel) {}
}
