package io.fleetgate.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetgate.api.ClusterSummary;
import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.client.api.AuditApi;
import io.fleetgate.client.api.SyncApi;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's remote connection — the client generated from the OpenAPI document and the event
 * reader — against a real {@code fleetgate serve} on the sandbox fleet.
 */
@SandboxFleetTest
class RemotePlatformIT {

  @Test
  void readsTheFleetAndFollowsEventsAcrossABrokenConnection(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    Path data = work.resolve("data");
    String viewer;
    String operator;
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      Tokens tokens = new Tokens(store.tokens());
      viewer = tokens.create("console", Role.VIEWER).secret();
      operator = tokens.create("automation", Role.OPERATOR).secret();
    }
    try (PlatformServer server =
        PlatformServer.start(
            new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                sandbox.managementKubeconfig(),
                data,
                SyncSetup.Engine.WASM,
                null),
            new ApiSettings("127.0.0.1", 0, new byte[0]),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Clock.systemUTC(),
            report -> {})) {
      Thread loop = Thread.ofPlatform().start(server::run);
      try {
        URI base = URI.create("http://127.0.0.1:" + server.port());
        RemotePlatform console = new RemotePlatform(base, viewer, Clock.systemUTC());
        List<Long> seen = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PlatformEvents events =
            console.events(
                0,
                new PlatformEvents.Listener() {
                  @Override
                  public void event(long id, String type, JsonNode data) {
                    synchronized (seen) {
                      seen.add(id);
                      types.add(type);
                    }
                  }
                })) {
          waitFor(
              () -> server.events().lastId() > 0 && eventsUpTo(seen, server.events().lastId()),
              "the first sync's events");

          assertThat(console.snapshot().clusters())
              .extracting(ClusterSummary::name)
              .containsExactlyInAnyOrder("aws-cn-north-1-prod", "beijing-prod", "guangzhou-prod");
          assertThat(new AuditApi(console.client()).verifyAudit().getIntact()).isTrue();
          assertThatThrownBy(() -> new SyncApi(console.client()).refresh())
              .as("a viewer may not ask for a sync")
              .hasMessageContaining("403");

          events.dropConnection();
          long before = server.events().lastId();
          new SyncApi(new RemotePlatform(base, operator, Clock.systemUTC()).client()).refresh();
          waitFor(() -> server.events().lastId() > before + 3, "the refreshed sync's events");
          long last = server.events().lastId();
          waitFor(() -> eventsUpTo(seen, last), "the events after the reconnect");

          synchronized (seen) {
            assertThat(seen)
                .as("every event once, in order, across the broken connection")
                .isEqualTo(
                    java.util.stream.LongStream.rangeClosed(seen.getFirst(), last)
                        .boxed()
                        .toList());
            assertThat(types).contains("sync.started", "sync.finished", "cluster.reachability");
          }
        }
      } finally {
        server.stop();
        loop.join(30_000);
      }
    }
  }

  @Test
  void saysWhenThePlatformDoesNotAnswer() {
    RemotePlatform wrong =
        new RemotePlatform(URI.create("http://127.0.0.1:1"), "fgt_nope", Clock.systemUTC());
    assertThatThrownBy(wrong::snapshot).hasMessageContaining("does not answer");
  }

  private static boolean eventsUpTo(List<Long> seen, long last) {
    synchronized (seen) {
      return !seen.isEmpty() && seen.getLast() >= last;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
