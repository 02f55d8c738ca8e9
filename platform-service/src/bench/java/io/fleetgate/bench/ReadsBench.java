package io.fleetgate.bench;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.testing.FleetRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform API reads — each with its token lookup — while audit reports over 1,000,000 rows run
 * back to back through the same platform ({@code POST /api/v1/reports}), beside the same reads at
 * the same rate with no report running, in the same run. Reports read on reader connections of
 * their own, so the reads should not wait for them.
 */
final class ReadsBench {

  private static final int ROWS = Size.of(1_000_000, 10_000);
  private static final int RATE = Size.of(50, 20);
  private static final Duration LENGTH = Duration.ofSeconds(Size.of(20, 2));
  private static final List<String> READS =
      List.of("/api/v1/audit?limit=20", "/api/v1/revisions", "/api/v1/audit?limit=1");

  private ReadsBench() {}

  private record Load(long sent, long errors, Stats latency, Map<String, Integer> reasons) {}

  static void run() throws Exception {
    Path work = Files.createTempDirectory("fleetgate-bench-reads");
    Path data = work.resolve("data");
    double seeded = ReportBench.seed(data, ROWS);
    String viewer;
    String operator;
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      viewer = new Tokens(store.tokens()).create("bench-viewer", Role.VIEWER).secret();
      operator = new Tokens(store.tokens()).create("bench-operator", Role.OPERATOR).secret();
    }
    try (BenchFleet bench = new BenchFleet(1);
        PlatformServer server =
            PlatformServer.start(
                new SyncSetup.Config(
                    FleetRepo.seed(work.resolve("fleet")).dir().toString(),
                    "main",
                    bench.managementKubeconfig(),
                    data,
                    SyncSetup.Engine.WASM,
                    null),
                new ApiSettings("127.0.0.1", 0, new byte[0]),
                Duration.ofHours(1),
                Duration.ofHours(1),
                Clock.systemUTC(),
                report -> {})) {
      // No sync runs: the records are the seeded audit log, the load is reads and reports.
      URI base = URI.create("http://127.0.0.1:" + server.port());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      requests(http, base, viewer, Duration.ofSeconds(Size.of(10, 1))); // warm-up
      Load quiet = requests(http, base, viewer, LENGTH);
      AtomicBoolean reporting = new AtomicBoolean(true);
      AtomicInteger reports = new AtomicInteger();
      ConcurrentLinkedQueue<Long> reportNanos = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      Thread reporter =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (reporting.get()) {
                      long began = System.nanoTime();
                      try {
                        HttpResponse<String> answer = report(http, base, operator);
                        if (answer.statusCode() != 201) {
                          failures.add(answer.statusCode() + " " + answer.body());
                          return;
                        }
                        reports.incrementAndGet();
                        reportNanos.add(System.nanoTime() - began);
                      } catch (Exception e) {
                        failures.add(e.toString());
                        return;
                      }
                    }
                  });
      Thread.sleep(200); // the first report is under way
      Load busy = requests(http, base, viewer, LENGTH);
      reporting.set(false);
      reporter.join(TimeUnit.MINUTES.toMillis(5));
      Load after = requests(http, base, viewer, LENGTH);
      if (!failures.isEmpty() || reports.get() == 0) {
        throw new IllegalStateException("the reports did not run: " + failures);
      }
      if (quiet.errors > 0 || busy.errors > 0 || after.errors > 0) {
        throw new IllegalStateException(
            "reads failed: "
                + (quiet.errors + after.errors)
                + " with no report, "
                + busy.errors
                + " during reports: "
                + quiet.reasons
                + " "
                + busy.reasons
                + " "
                + after.reasons);
      }
      Stats reportTimes = Stats.of(new ArrayList<>(reportNanos));
      Report.line("");
      Report.line(
          "### API reads while audit reports over %,d rows run (seeded in %.0f s)"
              .formatted(ROWS, seeded));
      Report.line("");
      Report.line("| | requests | p50 ms | p99 ms | max ms |");
      Report.line("|---|---|---|---|---|");
      row("baseline: the same reads, no report running (before)", quiet);
      row("reads while HTML reports run back to back", busy);
      row("baseline: the same reads, no report running (after)", after);
      Report.line("");
      Report.line(
          "%d HTML reports (POST /api/v1/reports) completed in the %d s, each %.1f s (p50); reads at"
                  .formatted(reports.get(), LENGTH.toSeconds(), reportTimes.p50Millis() / 1e3)
              + " %d/s over %s, each with its token lookup; p99 during / the higher baseline **%.1f×**."
                  .formatted(
                      RATE,
                      READS,
                      busy.latency.p99Millis()
                          / Math.max(quiet.latency.p99Millis(), after.latency.p99Millis())));
    }
  }

  private static void row(String name, Load load) {
    Report.line(
        "| %s | %d | %.1f | %.1f | %.1f |"
            .formatted(
                name,
                load.sent,
                load.latency.p50Millis(),
                load.latency.p99Millis(),
                load.latency.percentile(100) / 1e6));
  }

  private static HttpResponse<String> report(HttpClient http, URI base, String token)
      throws Exception {
    Instant from = ReportBench.SEEDED_FROM;
    String body =
        "{\"format\":\"html\",\"from\":\"%s\",\"to\":\"%s\"}"
            .formatted(from, from.plus(Duration.ofDays(31)));
    return http.send(
        HttpRequest.newBuilder(base.resolve("/api/v1/reports"))
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends reads at {@link #RATE} per second, round-robin over {@link #READS}, and times them. */
  private static Load requests(HttpClient http, URI base, String token, Duration length)
      throws Exception {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    Map<String, Integer> reasons = new ConcurrentHashMap<>();
    long sent = 0;
    long start = System.nanoTime();
    long interval = 1_000_000_000L / RATE;
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      while (System.nanoTime() - start < length.toNanos()) {
        long wait = start + sent * interval - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        URI uri = base.resolve(READS.get((int) (sent % READS.size())));
        senders.submit(
            () -> {
              long began = System.nanoTime();
              try {
                HttpResponse<String> answer =
                    http.send(
                        HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                  errors.incrementAndGet();
                  reasons.merge("HTTP " + answer.statusCode(), 1, Integer::sum);
                }
              } catch (Exception e) {
                errors.incrementAndGet();
                reasons.merge(e.getClass().getSimpleName(), 1, Integer::sum);
              }
              latencies.add(System.nanoTime() - began);
            });
        sent++;
      }
    }
    return new Load(sent, errors.get(), Stats.of(new ArrayList<>(latencies)), reasons);
  }
}
