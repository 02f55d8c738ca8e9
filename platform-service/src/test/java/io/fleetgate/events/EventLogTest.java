package io.fleetgate.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLogTest {

  @Test
  void numbersEventsAndReplaysThoseAfterTheLastSeen() {
    EventLog log = new EventLog(10, Clock.systemUTC(), 0);
    for (int i = 0; i < 5; i++) {
      log.publish("sync.started", Map.of());
    }
    List<FleetEvent> live = new ArrayList<>();

    EventLog.Subscription subscription = log.subscribe(3, live::add);
    log.publish("sync.finished", Map.of("cluster", "a"));

    assertThat(subscription.replay()).extracting(FleetEvent::id).containsExactly(4L, 5L);
    assertThat(subscription.gap()).isFalse();
    assertThat(live).extracting(FleetEvent::id).containsExactly(6L);
    subscription.cancel().run();
    log.publish("sync.started", Map.of());
    assertThat(live).hasSize(1);
    assertThat(log.subscribers()).isZero();
  }

  @Test
  void saysSoWhenTheEventsAClientMissedAreNoLongerBuffered() {
    EventLog log = new EventLog(3, Clock.systemUTC(), 0);
    for (int i = 0; i < 10; i++) {
      log.publish("drift", Map.of());
    }

    EventLog.Subscription subscription = log.subscribe(2, e -> {});

    assertThat(subscription.gap()).isTrue();
    assertThat(subscription.replay()).extracting(FleetEvent::id).containsExactly(8L, 9L, 10L);
    assertThat(log.subscribe(0, e -> {}).replay())
        .as("a new client gets only live events")
        .isEmpty();
  }

  @Test
  void aRestartedPlatformNumbersAboveTheOldRunAndResetsAClientOfIt() {
    java.time.Instant start = java.time.Instant.parse("2026-12-01T10:00:00Z");
    EventLog before = new EventLog(100, Clock.fixed(start, java.time.ZoneOffset.UTC));
    for (int i = 0; i < 50; i++) {
      before.publish("sync.started", Map.of());
    }
    long lastSeen = before.lastId();
    EventLog after = new EventLog(100, Clock.fixed(start.plusSeconds(5), java.time.ZoneOffset.UTC));
    after.publish("sync.started", Map.of());
    after.publish("sync.finished", Map.of());

    EventLog.Subscription subscription = after.subscribe(lastSeen, e -> {});

    assertThat(after.lastId()).isGreaterThan(lastSeen);
    assertThat(subscription.resume()).isEqualTo(EventLog.Resume.RESTARTED);
    assertThat(subscription.replay())
        .as("every event of the new run, none skipped for an id of the old one")
        .extracting(FleetEvent::type)
        .containsExactly("sync.started", "sync.finished");
    assertThat(subscription.resume().reason()).contains("restarted");
  }

  @Test
  void anIdAheadOfTheLogResetsAndReplaysEverything() {
    EventLog log = new EventLog(10, Clock.systemUTC(), 0);
    for (int i = 0; i < 5; i++) {
      log.publish("drift", Map.of());
    }
    List<FleetEvent> live = new ArrayList<>();

    EventLog.Subscription subscription = log.subscribe(500, live::add);
    log.publish("drift", Map.of());

    assertThat(subscription.resume()).isEqualTo(EventLog.Resume.RESTARTED);
    assertThat(subscription.after()).isZero();
    assertThat(subscription.replay())
        .extracting(FleetEvent::id)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(live).extracting(FleetEvent::id).containsExactly(6L);
    assertThat(log.subscribe(5, e -> {}).resume()).isEqualTo(EventLog.Resume.CONTINUOUS);
    assertThat(log.subscribe(6, e -> {}).resume()).isEqualTo(EventLog.Resume.CONTINUOUS);
  }

  @Test
  void concurrentPublishersReachEverySubscriberInIdOrderExactlyOnce() throws Exception {
    EventLog log = new EventLog(100_000, Clock.systemUTC(), 0);
    List<List<Long>> heard = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 5_000; i++) {
                      log.publish("tick", Map.of());
                    }
                  }));
    }
    for (int s = 0; s < 20; s++) {
      List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
      var subscription = log.subscribe(Math.max(1, log.lastId() - 10), e -> ids.add(e.id()));
      List<Long> all = new ArrayList<>();
      subscription.replay().forEach(e -> all.add(e.id()));
      heard.add(all);
      heard.add(ids);
      Thread.sleep(1);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (int i = 0; i < heard.size(); i += 2) {
      List<Long> replayThenLive = new ArrayList<>(heard.get(i));
      replayThenLive.addAll(heard.get(i + 1));
      long first = replayThenLive.getFirst();
      assertThat(replayThenLive)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(first, 20_000).boxed().toList());
    }
  }
}
