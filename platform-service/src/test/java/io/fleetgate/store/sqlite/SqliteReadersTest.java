package io.fleetgate.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.auth.ApiToken;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long reads — a report streaming the audit log, an audit verification — run on reader connections
 * of their own: while one is in the middle of its rows, token lookups, other reads and writes go
 * on.
 */
class SqliteReadersTest {

  private static final int ROWS = 2_000;

  @Test
  void aReportHalfwayThroughItsRowsBlocksNoLookupReadOrWrite(@TempDir Path dir) throws Exception {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      store.append(policyEvents(ROWS));
      TokenStore tokens = store.tokens();
      tokens.save("viewer", Role.VIEWER, "hash-of-the-viewer", List.of());
      CountDownLatch reportIsReading = new CountDownLatch(1);
      CountDownLatch releaseReport = new CountDownLatch(1);
      List<Long> streamed = new ArrayList<>();
      Future<?> report =
          pool.submit(
              () ->
                  store
                      .history()
                      .policyRecords(
                          Instant.EPOCH,
                          Instant.now().plusSeconds(60),
                          null,
                          record -> {
                            streamed.add(record.sequence());
                            if (streamed.size() == ROWS / 2) {
                              reportIsReading.countDown();
                              await(releaseReport);
                            }
                          }));
      try {
        assertThat(reportIsReading.await(30, TimeUnit.SECONDS)).isTrue();

        Optional<ApiToken> found =
            CompletableFuture.supplyAsync(() -> tokens.findByHash("hash-of-the-viewer"), pool)
                .get(5, TimeUnit.SECONDS);
        long verified =
            CompletableFuture.supplyAsync(() -> store.verify().rows(), pool)
                .get(10, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> store.append(policyEvents(1)), pool)
            .get(5, TimeUnit.SECONDS);
        long latest =
            CompletableFuture.supplyAsync(() -> store.entries(ROWS, 10).size(), pool)
                .get(5, TimeUnit.SECONDS);

        assertThat(found).map(ApiToken::name).contains("viewer");
        assertThat(verified).isEqualTo(ROWS);
        assertThat(latest).as("the write is visible to a read that starts after it").isOne();
      } finally {
        releaseReport.countDown();
      }
      report.get(30, TimeUnit.SECONDS);
      assertThat(streamed)
          .as("the report reads the snapshot it started on")
          .hasSize(ROWS)
          .doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readersCannotWrite(@TempDir Path dir) {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      SqliteDatabase db = store.database();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  db.read(
                      "try a write on a reader",
                      connection -> {
                        try (var statement = connection.createStatement()) {
                          return statement.executeUpdate("DELETE FROM audit_log");
                        }
                      }))
          .hasMessageContaining("readonly");
    }
  }

  private static List<AuditEvent> policyEvents(int count) {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          new AuditEvent(
              "policy",
              "beijing-prod",
              "payments",
              "abc123",
              "ConfigMap a/cm-" + i,
              "denied",
              "bundles/payments/x.yaml:1"));
    }
    return events;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
