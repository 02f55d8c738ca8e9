package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.Revision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyncLoopTest {

  private static final SyncReport EMPTY =
      new SyncReport(
          new SourceState.Fresh(new Revision("abc", "a <a@b>", Instant.EPOCH, "m")),
          List.of(),
          List.of());

  @Test
  void syncsAtOnceWithAFullCheckThenIncrementallyOnEachRefresh() throws Exception {
    List<SyncOptions> calls = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(3);
    SyncLoop loop =
        new SyncLoop(
            options -> {
              calls.add(options);
              three.countDown();
              return EMPTY;
            },
            Duration.ofHours(1),
            Duration.ofHours(1),
            Clock.systemUTC(),
            report -> {});
    Thread thread = Thread.ofVirtual().start(loop::run);

    awaitCalls(calls, 1);
    loop.refreshNow();
    awaitCalls(calls, 2);
    loop.refreshNow();

    assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(calls.get(0).fullCheck()).isTrue();
    assertThat(calls.subList(1, 3)).allSatisfy(o -> assertThat(o.fullCheck()).isFalse());
    loop.close();
    thread.join(5_000);
    assertThat(thread.isAlive()).isFalse();
  }

  @Test
  void pollsOnTheIntervalWithoutARefresh() throws Exception {
    CountDownLatch polls = new CountDownLatch(3);
    SyncLoop loop =
        new SyncLoop(
            options -> {
              polls.countDown();
              return EMPTY;
            },
            Duration.ofMillis(20),
            Duration.ofHours(1),
            Clock.systemUTC(),
            report -> {});
    Thread thread = Thread.ofVirtual().start(loop::run);

    assertThat(polls.await(5, TimeUnit.SECONDS)).isTrue();
    loop.close();
    thread.join(5_000);
  }

  @Test
  void aFailingSyncDoesNotStopTheLoop() throws Exception {
    CountDownLatch attempts = new CountDownLatch(2);
    SyncLoop loop =
        new SyncLoop(
            options -> {
              attempts.countDown();
              throw new IllegalStateException("Git is down");
            },
            Duration.ofMillis(10),
            Duration.ofHours(1),
            Clock.systemUTC(),
            report -> {});
    Thread thread = Thread.ofVirtual().start(loop::run);

    assertThat(attempts.await(5, TimeUnit.SECONDS)).isTrue();
    loop.close();
    thread.join(5_000);
  }

  private static void awaitCalls(List<SyncOptions> calls, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (calls.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
