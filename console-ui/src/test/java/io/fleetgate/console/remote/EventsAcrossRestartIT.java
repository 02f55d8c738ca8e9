package io.fleetgate.console.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's event follower across a real restart of {@code fleetgate serve} on the same data
 * directory and port: it is told to reload, and then hears every event of the new run — none is
 * skipped because its id is lower than one the old run gave out.
 */
@SandboxFleetTest
class EventsAcrossRestartIT {

  @Test
  void theFollowerIsResetAndHearsEveryEventOfTheRestartedPlatform(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    Path data = work.resolve("data");
    String viewer;
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      viewer = new Tokens(store.tokens()).create("console", Role.VIEWER).secret();
    }
    SyncSetup.Config config =
        new SyncSetup.Config(
            repo.dir().toString(),
            "main",
            sandbox.managementKubeconfig(),
            data,
            SyncSetup.Engine.WASM,
            null);
    List<Long> ids = new ArrayList<>();
    List<String> types = new ArrayList<>();
    AtomicInteger resets = new AtomicInteger();
    PlatformEvents.Listener listener =
        new PlatformEvents.Listener() {
          @Override
          public void event(long id, String type, JsonNode data) {
            synchronized (ids) {
              ids.add(id);
              types.add(type);
            }
          }

          @Override
          public void reset() {
            synchronized (ids) {
              resets.incrementAndGet();
              types.add("reset");
              ids.add(-1L);
            }
          }
        };

    PlatformServer first = start(config, 0);
    int port = first.port();
    URI base = URI.create("http://127.0.0.1:" + port);
    long lastOfFirstRun;
    try (PlatformEvents events =
        new RemotePlatform(base, viewer, Clock.systemUTC()).events(0, listener)) {
      waitFor(
          () -> {
            synchronized (ids) {
              return types.contains("sync.finished");
            }
          },
          "the first run's sync");
      stop(first);
      lastOfFirstRun = events.lastId();
      assertThat(lastOfFirstRun).isPositive();

      PlatformServer second = start(config, port);
      try {
        waitFor(
            () -> {
              synchronized (ids) {
                int reset = types.indexOf("reset");
                return reset >= 0
                    && types.subList(reset, types.size()).contains("sync.finished")
                    && seenUpTo(ids, second.events().lastId());
              }
            },
            "the restarted platform's first sync, heard by the follower");
        long lastOfSecondRun = second.events().lastId();
        assertThat(lastOfSecondRun)
            .as("the new run numbers above the old one")
            .isGreaterThan(lastOfFirstRun);
        synchronized (ids) {
          int reset = types.indexOf("reset");
          assertThat(reset).as("the follower was told to reload: " + types).isPositive();
          assertThat(resets.get()).isEqualTo(1);
          List<Long> afterReset = ids.subList(reset + 1, ids.size());
          assertThat(afterReset)
              .as("every event of the new run, once, in order")
              .isEqualTo(
                  java.util.stream.LongStream.rangeClosed(afterReset.getFirst(), lastOfSecondRun)
                      .boxed()
                      .toList());
          assertThat(types.subList(reset + 1, types.size()))
              .as("the restarted platform's first sync, from its start")
              .contains("sync.started", "sync.finished");
        }
      } finally {
        stop(second);
      }
    }
  }

  private static final java.util.Map<PlatformServer, Thread> LOOPS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static PlatformServer start(SyncSetup.Config config, int port) throws Exception {
    PlatformServer server =
        PlatformServer.start(
            config,
            new ApiSettings("127.0.0.1", port, new byte[0]),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Clock.systemUTC(),
            report -> {});
    LOOPS.put(server, Thread.ofPlatform().start(server::run));
    return server;
  }

  private static void stop(PlatformServer server) throws Exception {
    server.stop();
    LOOPS.remove(server).join(30_000);
    server.close();
  }

  private static boolean seenUpTo(List<Long> ids, long last) {
    synchronized (ids) {
      return !ids.isEmpty() && ids.getLast() >= last;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
