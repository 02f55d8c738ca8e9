package io.fleetgate.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package, which {@code bin/setup} installs) on
 * loopback, holding history written before it starts: series backfilled from OpenMetrics text with
 * {@code promtool tsdb create-blocks-from openmetrics}, and recording rules evaluated over that
 * history with {@code promtool tsdb create-blocks-from rules}.
 */
public final class PrometheusServer implements AutoCloseable {

  private final Path dir;
  private final Path data;
  private int port;
  private Process process;

  private PrometheusServer(Path dir) {
    this.dir = dir;
    this.data = dir.resolve("data");
  }

  /** Backfills {@code openMetrics} (ending with {@code # EOF}) and starts Prometheus on it. */
  public static PrometheusServer withHistory(Path dir, String openMetrics)
      throws IOException, InterruptedException {
    PrometheusServer server = new PrometheusServer(dir);
    Files.createDirectories(server.data);
    Path input = dir.resolve("history.om.txt");
    Files.writeString(input, openMetrics);
    run(
        dir,
        "promtool",
        "tsdb",
        "create-blocks-from",
        "openmetrics",
        "-q",
        input.toString(),
        server.data.toString());
    server.start();
    return server;
  }

  /** Recording rules to evaluate over {@code [start, end]}, every {@code interval}. */
  public record RuleBackfill(Path rules, Instant start, Instant end, Duration interval) {}

  /** Evaluates each set of recording rules over its span, adds the results and restarts on them. */
  public void backfillRules(List<RuleBackfill> backfills) throws IOException, InterruptedException {
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < backfills.size(); i++) {
      RuleBackfill b = backfills.get(i);
      Path out = dir.resolve("rule-blocks-" + i);
      run(
          dir,
          "promtool",
          "tsdb",
          "create-blocks-from",
          "rules",
          "--start=" + b.start().getEpochSecond(),
          "--end=" + b.end().getEpochSecond(),
          "--eval-interval=" + b.interval().toSeconds() + "s",
          "--url=" + url(),
          "--output-dir=" + out,
          b.rules().toString());
      outputs.add(out);
    }
    stop();
    for (Path out : outputs) {
      try (Stream<Path> blocks = Files.list(out)) {
        for (Path block : blocks.toList()) {
          Files.move(block, data.resolve(block.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
      }
    }
    start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops it; its address then refuses connections. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void start() throws IOException, InterruptedException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  evaluation_interval: 1m\n");
    for (int attempt = 0; attempt < 3; attempt++) {
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      process =
          new ProcessBuilder(
                  "prometheus",
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + data,
                  "--storage.tsdb.retention.time=400d",
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      if (awaitReady(Duration.ofSeconds(60))) {
        return;
      }
      stop();
    }
    throw new IllegalStateException(
        "Prometheus did not become ready; see " + dir.resolve("prometheus.log"));
  }

  private boolean awaitReady(Duration within) throws InterruptedException {
    long until = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < until && process.isAlive()) {
      try {
        HttpURLConnection c =
            (HttpURLConnection) url().resolve("/-/ready").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(1000);
        if (c.getResponseCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command));
    Path log = dir.resolve(command[0] + ".log");
    Process p =
        new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", args) + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
