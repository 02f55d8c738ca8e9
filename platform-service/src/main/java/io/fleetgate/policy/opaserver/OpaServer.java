package io.fleetgate.policy.opaserver;

import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyException;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code opa run --server} process on loopback, loaded with the Rego sources of a policy bundle,
 * started and stopped by Fleetgate.
 */
public final class OpaServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpaServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final URI url;

  private OpaServer(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Writes the bundle's Rego and data to {@code workDir} and starts the server on a free port.
   *
   * @throws PolicyException when it does not become healthy; the message names its log
   */
  public static OpaServer start(Path opa, PolicyBundle bundle, Path workDir)
      throws PolicyException {
    try {
      Path policies = io.fleetgate.files.OwnerOnly.directory(workDir).resolve("policies");
      Files.createDirectories(policies);
      for (Map.Entry<String, String> source : bundle.regoSources().entrySet()) {
        Path file = policies.resolve(source.getKey()).normalize();
        if (!file.startsWith(policies)) {
          throw new PolicyException(
              "The policy bundle has a path leaving its root: " + source.getKey());
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
      }
      int port;
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      Path logFile = workDir.resolve("opa.log");
      List<String> command =
          List.of(
              opa.toString(),
              "run",
              "--server",
              "--addr",
              "127.0.0.1:" + port,
              "--disable-telemetry",
              "--log-level",
              "error",
              policies.toString());
      log.info("Starting OPA server: {}", String.join(" ", command));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      OpaServer server = new OpaServer(process, URI.create("http://127.0.0.1:" + port));
      server.awaitHealthy(logFile);
      return server;
    } catch (IOException e) {
      throw new PolicyException("Cannot start the OPA server: " + e.getMessage(), e);
    }
  }

  public URI url() {
    return url;
  }

  /** Kills the server at once, as a crash would (for tests of failing closed). */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void awaitHealthy(Path logFile) throws PolicyException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new PolicyException("The OPA server exited during start-up; see " + logFile);
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(url.resolve("/health"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PolicyException("Interrupted while starting the OPA server", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PolicyException("Interrupted while starting the OPA server", e);
      }
    }
    close();
    throw new PolicyException(
        "The OPA server was not healthy within "
            + START_TIMEOUT.toSeconds()
            + " s; see "
            + logFile);
  }
}
