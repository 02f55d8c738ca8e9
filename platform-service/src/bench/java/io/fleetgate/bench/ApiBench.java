package io.fleetgate.bench;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.testing.FleetRepo;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform API under a bounded load on loopback, as {@code fleetgate serve} runs it on the
 * sandbox fleet: 500 requests/s (a mix of the read routes) and 1,000 Server-Sent Events clients for
 * 60 s while events are published; every tenth client breaks its connection every 20 s and resumes
 * with Last-Event-ID. Baseline: the same request rate on {@code /healthz} (no token, no records) in
 * the same run.
 */
final class ApiBench {

  private static final int RATE = Size.of(500, 50);
  private static final int SSE_CLIENTS = Size.of(1_000, 10);
  private static final Duration LENGTH = Duration.ofSeconds(Size.of(60, 3));
  private static final Duration QUIET = Duration.ofSeconds(Size.of(20, 1));

  /** Every tenth client breaks its connection this often and resumes. */
  private static final Duration BREAK_EVERY = Duration.ofSeconds(Size.of(20, 1));

  private static final int EVENTS_PER_SECOND = 20;
  private static final List<String> READS =
      List.of("/api/v1/runs/latest", "/api/v1/audit?limit=20", "/api/v1/clusters", "/metrics");

  private ApiBench() {}

  /**
   * Runs the benchmark. A smoke run whose event check fails is run once more, with the failing
   * clients' ids printed: at 1 % size a single late event decides it, and the diagnostics matter
   * more than the verdict; a full-size run fails at once.
   */
  static void run() throws Exception {
    try {
      runOnce();
    } catch (EventsIncomplete e) {
      if (!Size.isSmoke()) {
        throw e;
      }
      System.out.println(
          "WARNING (smoke): " + e.getMessage() + "; running the API benchmark again");
      runOnce();
    }
  }

  /** Some event client did not receive every event once, in order. */
  static final class EventsIncomplete extends IllegalStateException {
    EventsIncomplete(String message) {
      super(message);
    }
  }

  private static void runOnce() throws Exception {
    Path work = Files.createTempDirectory("fleetgate-bench-api");
    try (BenchFleet bench = new BenchFleet(3)) {
      FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
      Path data = work.resolve("data");
      String token;
      try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
        token = new Tokens(store.tokens()).create("bench", Role.VIEWER).secret();
      }
      try (PlatformServer server =
          PlatformServer.start(
              new SyncSetup.Config(
                  repo.dir().toString(),
                  "main",
                  bench.managementKubeconfig(),
                  data,
                  SyncSetup.Engine.WASM,
                  null),
              new ApiSettings("127.0.0.1", 0, new byte[0]),
              Duration.ofMinutes(30),
              Duration.ofMinutes(60),
              Clock.systemUTC(),
              report -> {})) {
        Thread loop = Thread.ofPlatform().start(server::run);
        URI base = URI.create("http://127.0.0.1:" + server.port());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        PlatformApiClient api = new PlatformApiClient(http, base, token);
        api.awaitReady(Duration.ofMinutes(5));
        api.requireLatestRunConverged(null, bench.workloadNames());
        Load baseline = requests(http, base, null, List.of("/healthz"), QUIET);
        Load quiet = requests(http, base, token, READS, QUIET);
        Result result = underLoad(server, http, base, token);
        server.stop();
        loop.join(30_000);
        report(baseline, quiet, result);
        requireComplete(baseline, quiet, result);
      }
    }
  }

  private record Load(long sent, long errors, Stats latency, double seconds) {}

  private record Result(
      Load load,
      int clients,
      int resumed,
      int complete,
      long events,
      int refused,
      List<String> incomplete) {}

  private static Result underLoad(PlatformServer server, HttpClient http, URI base, String token)
      throws Exception {
    List<Client> clients = new ArrayList<>();
    ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    AtomicInteger refused = new AtomicInteger();
    long firstId = server.events().lastId() + 1;
    CountDownLatch connected = new CountDownLatch(SSE_CLIENTS);
    for (int i = 0; i < SSE_CLIENTS; i++) {
      Client client = new Client(i % 10 == 0);
      clients.add(client);
      readers.submit(() -> client.follow(http, base, token, connected, refused));
    }
    if (!connected.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(connected.getCount() + " event clients did not connect");
    }
    Thread publisher =
        Thread.ofPlatform()
            .start(
                () -> {
                  long end = System.nanoTime() + LENGTH.toNanos();
                  long n = 0;
                  while (System.nanoTime() < end) {
                    server.events().publish("bench.tick", Map.of("n", n++));
                    try {
                      Thread.sleep(1000 / EVENTS_PER_SECOND);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    Thread breaker =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    for (int round = 0;
                        round < LENGTH.toSeconds() / BREAK_EVERY.toSeconds();
                        round++) {
                      Thread.sleep(BREAK_EVERY.toMillis());
                      clients.stream().filter(c -> c.breaks).forEach(Client::drop);
                    }
                  } catch (InterruptedException e) {
                    // done
                  }
                });
    Load load =
        requests(
            http,
            base,
            token,
            List.of(
                "/api/v1/runs/latest", "/api/v1/audit?limit=20", "/api/v1/clusters", "/metrics"),
            LENGTH);
    publisher.join();
    breaker.interrupt();
    long lastId = server.events().lastId();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && clients.stream().anyMatch(c -> c.last() < lastId)) {
      Thread.sleep(200);
    }
    clients.forEach(Client::stop);
    readers.shutdownNow();
    int complete = 0;
    int resumed = 0;
    List<String> incomplete = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      Client client = clients.get(i);
      resumed += client.reconnects.get() > 0 ? 1 : 0;
      if (client.contiguousFrom(firstId, lastId)) {
        complete++;
      } else {
        incomplete.add(
            "client "
                + i
                + " ("
                + client.reconnects.get()
                + " reconnects) expected ids "
                + firstId
                + "–"
                + lastId
                + ", got "
                + client.idsFrom(firstId));
      }
    }
    return new Result(
        load, clients.size(), resumed, complete, lastId - firstId + 1, refused.get(), incomplete);
  }

  /** Sends requests at {@link #RATE} per second, round-robin over the paths, and times them. */
  private static Load requests(
      HttpClient http, URI base, String token, List<String> paths, Duration length)
      throws Exception {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger errors = new AtomicInteger();
    long sent = 0;
    long start = System.nanoTime();
    long interval = 1_000_000_000L / RATE;
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      while (System.nanoTime() - start < length.toNanos()) {
        long due = start + sent * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        URI uri = base.resolve(paths.get((int) (sent % paths.size())));
        senders.submit(
            () -> {
              long began = System.nanoTime();
              try {
                int status = get(http, uri, token).statusCode();
                if (status != 200) {
                  errors.incrementAndGet();
                }
              } catch (Exception e) {
                errors.incrementAndGet();
              }
              latencies.add(System.nanoTime() - began);
            });
        sent++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Load(sent, errors.get(), Stats.of(new ArrayList<>(latencies)), seconds);
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One event client: follows the stream, records ids, resumes after a broken connection. */
  private static final class Client {
    final boolean breaks;
    final List<Long> ids = new ArrayList<>();
    final AtomicInteger reconnects = new AtomicInteger();
    final AtomicReference<InputStream> open = new AtomicReference<>();
    volatile boolean stopped;

    Client(boolean breaks) {
      this.breaks = breaks;
    }

    void follow(
        HttpClient http, URI base, String token, CountDownLatch connected, AtomicInteger refused) {
      boolean first = true;
      while (!stopped) {
        try {
          HttpRequest.Builder request =
              HttpRequest.newBuilder(base.resolve("/api/v1/events"))
                  .header("Accept", "text/event-stream")
                  .header("Authorization", "Bearer " + token);
          long last = last();
          if (last > 0) {
            request.header("Last-Event-ID", Long.toString(last));
          }
          HttpResponse<InputStream> response =
              http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
          if (response.statusCode() != 200) {
            refused.incrementAndGet();
            response.body().close();
            Thread.sleep(500);
            continue;
          }
          open.set(response.body());
          if (first) {
            connected.countDown();
            first = false;
          }
          try (BufferedReader lines =
              new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (!stopped && (line = lines.readLine()) != null) {
              if (line.startsWith("id: ")) {
                synchronized (ids) {
                  ids.add(Long.parseLong(line.substring(4).trim()));
                }
              }
            }
          }
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // broken on purpose or by the server: resume
        }
        if (!stopped) {
          reconnects.incrementAndGet();
        }
      }
    }

    long last() {
      synchronized (ids) {
        return ids.isEmpty() ? 0 : ids.getLast();
      }
    }

    void drop() {
      InputStream in = open.get();
      if (in != null) {
        try {
          in.close();
        } catch (java.io.IOException e) {
          // the reader resumes
        }
      }
    }

    void stop() {
      stopped = true;
      drop();
    }

    /** The ids received from {@code from} on, at most 40, for messages. */
    String idsFrom(long from) {
      synchronized (ids) {
        return ids.stream().filter(id -> id >= from).limit(40).toList().toString();
      }
    }

    /** Every id from the first it should have seen to the last, once each, in order. */
    boolean contiguousFrom(long from, long to) {
      synchronized (ids) {
        long expected = from;
        for (long id : ids) {
          if (id < from) {
            continue;
          }
          if (id != expected) {
            return false;
          }
          expected++;
        }
        return expected == to + 1;
      }
    }
  }

  /** Every request answered 200; every client got every event in order, some after resuming. */
  private static void requireComplete(Load baseline, Load quiet, Result result) {
    for (Load load : List.of(baseline, quiet, result.load())) {
      if (load.sent() == 0 || load.errors() > 0) {
        throw new IllegalStateException(
            load.errors() + " of " + load.sent() + " requests failed or none were sent");
      }
    }
    if (result.complete() != result.clients() || result.resumed() == 0) {
      throw new EventsIncomplete(
          "%d of %d event clients received every event (%d resumed, %d refused) %s"
              .formatted(
                  result.complete(),
                  result.clients(),
                  result.resumed(),
                  result.refused(),
                  result.incomplete()));
    }
  }

  private static void report(Load baseline, Load quiet, Result result) {
    Load load = result.load();
    Report.line("");
    Report.line(
        "### Platform API under load (%d requests/s, %,d SSE clients, %d s, %d events/s)"
            .formatted(RATE, SSE_CLIENTS, LENGTH.toSeconds(), EVENTS_PER_SECOND));
    Report.line("");
    Report.line("| | requests | errors | achieved/s | p50 ms | p99 ms |");
    Report.line("|---|---|---|---|---|---|");
    Report.line(
        "| API reads (runs, audit, clusters, metrics) with %,d event clients | %,d | %d | %.0f | %.2f | %.2f |"
            .formatted(
                result.clients(),
                load.sent(),
                load.errors(),
                load.sent() / load.seconds(),
                load.latency().p50Millis(),
                load.latency().p99Millis()));
    Report.line(
        "| the same reads without event clients (%d s) | %,d | %d | %.0f | %.2f | %.2f |"
            .formatted(
                QUIET.toSeconds(),
                quiet.sent(),
                quiet.errors(),
                quiet.sent() / quiet.seconds(),
                quiet.latency().p50Millis(),
                quiet.latency().p99Millis()));
    Report.line(
        "| baseline: `/healthz` alone, no event clients | %,d | %d | %.0f | %.2f | %.2f |"
            .formatted(
                baseline.sent(),
                baseline.errors(),
                baseline.sent() / baseline.seconds(),
                baseline.latency().p50Millis(),
                baseline.latency().p99Millis()));
    Report.line("");
    Report.line(
        ("Events: %,d published; %,d of %,d clients received every one in order (%,d of them"
                + " resumed after a broken connection); %d connection attempts refused. p99"
                + " ratio to the baseline %.1f×.")
            .formatted(
                result.events(),
                result.complete(),
                result.clients(),
                result.resumed(),
                result.refused(),
                load.latency().p99Millis() / baseline.latency().p99Millis()));
  }
}
