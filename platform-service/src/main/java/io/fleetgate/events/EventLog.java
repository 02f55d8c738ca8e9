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
 *
 * <p>Ids carry the process's epoch: the first id of a log is {@code epoch + 1}, where the epoch is
 * the start time in milliseconds times {@value #IDS_PER_MILLISECOND}. A platform restarted later
 * therefore numbers its events above every id the previous process gave out (unless that one
 * published more than a thousand events per millisecond it ran), and a client resuming with an id
 * of an earlier run, or one this log never gave out, is told to reload ({@link Resume#RESTARTED})
 * instead of silently missing events. Ids stay below 2<sup>53</sup>, exact in JSON numbers, until
 * the year 2255.
 */
public final class EventLog {

  /** How many ids each millisecond of the epoch leaves room for. */
  public static final long IDS_PER_MILLISECOND = 1_000;

  private final int capacity;
  private final Clock clock;
  private final long epoch;
  private final ArrayDeque<FleetEvent> buffer;
  private final List<Consumer<FleetEvent>> subscribers = new CopyOnWriteArrayList<>();
  private long next;

  /** A log whose epoch is now. */
  public EventLog(int capacity, Clock clock) {
    this(capacity, clock, clock.millis() * IDS_PER_MILLISECOND);
  }

  /**
   * @param epoch the id before the first one (0 numbers from 1)
   */
  public EventLog(int capacity, Clock clock, long epoch) {
    this.capacity = capacity;
    this.clock = clock;
    this.epoch = epoch;
    this.next = epoch + 1;
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
      Resume resume = resume(lastSeen);
      long after = resume == Resume.RESTARTED ? epoch : lastSeen;
      List<FleetEvent> missed = new ArrayList<>();
      if (lastSeen > 0) {
        for (FleetEvent event : buffer) {
          if (event.id() > after) {
            missed.add(event);
          }
        }
      }
      subscribers.add(subscriber);
      return new Subscription(missed, resume, after, () -> subscribers.remove(subscriber));
    }
  }

  private Resume resume(long lastSeen) {
    if (lastSeen <= 0) {
      return Resume.CONTINUOUS;
    }
    if (lastSeen < epoch || lastSeen >= next) {
      return Resume.RESTARTED;
    }
    if (!buffer.isEmpty() && buffer.peekFirst().id() > lastSeen + 1) {
      return Resume.MISSED;
    }
    return Resume.CONTINUOUS;
  }

  public synchronized long lastId() {
    return next - 1;
  }

  public int subscribers() {
    return subscribers.size();
  }

  /** How a client's resumption relates to this log. */
  public enum Resume {
    /** Nothing missed: the replay follows on from the client's last id (or it asked for none). */
    CONTINUOUS,
    /** Some events it missed are no longer buffered; it should reload its state. */
    MISSED,
    /**
     * Its last id is not one of this log's: from an earlier run of the platform, or ahead of the
     * log. Every buffered event is replayed; it should reload its state.
     */
    RESTARTED;

    /** Why the client should reload, for the {@code reset} event. */
    public String reason() {
      return switch (this) {
        case CONTINUOUS -> "";
        case MISSED -> "events were missed; reload the state";
        case RESTARTED ->
            "the platform restarted (the last event id is not from this run); reload the state";
      };
    }
  }

  /**
   * @param replay the buffered events the client missed
   * @param resume whether the client should reload its state first
   * @param after the id after which events are new to the client
   */
  public record Subscription(List<FleetEvent> replay, Resume resume, long after, Runnable cancel) {
    /** True when the client should reload its state. */
    public boolean gap() {
      return resume != Resume.CONTINUOUS;
    }
  }
}
