package io.fleetgate.policy.opaserver;

import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyException;
import java.io.File;
import java.io.IOException;
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
 * started and stopped by Fleetgate. It answers only Fleetgate: OPA runs with {@code
 * --authentication=token --authorization=basic} and an authorization policy that admits one random
 * token (kept in memory; the policy holds only its SHA-256) and only for the two decisions
 * Fleetgate asks and {@code /health}, so no other local process can read, replace or add policies
 * or data. The port is the kernel's choice ({@code --addr 127.0.0.1:0}), read back from the running
 * process, so nothing can take it between choosing and binding.
 */
public final class OpaServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OpaServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final URI url;
  private final String token;

  private OpaServer(Process process, URI url, String token) {
    this.process = process;
    this.url = url;
    this.token = token;
  }

  /**
   * Writes the bundle's Rego and data to {@code workDir} (owner-only) and starts the server on a
   * port the kernel chooses.
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
      String token = ServerAuthorization.newToken();
      Path authorization = workDir.resolve("authz");
      Files.createDirectories(authorization);
      Path policy = io.fleetgate.files.OwnerOnly.file(authorization.resolve("authz.rego"));
      Files.writeString(policy, ServerAuthorization.policy(token));
      Path logFile = workDir.resolve("opa.log");
      List<String> command =
          List.of(
              opa.toString(),
              "run",
              "--server",
              "--addr",
              "127.0.0.1:0",
              "--authentication=token",
              "--authorization=basic",
              "--skip-version-check",
              "--log-level",
              "error",
              policies.toString(),
              authorization.toString());
      log.info("Starting OPA server: {}", String.join(" ", command));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      try {
        int port = awaitPort(process, logFile);
        OpaServer server = new OpaServer(process, URI.create("http://127.0.0.1:" + port), token);
        server.awaitHealthy(logFile);
        return server;
      } catch (PolicyException | RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException e) {
      throw new PolicyException("Cannot start the OPA server: " + e.getMessage(), e);
    }
  }

  /** The server's URL and the token it admits, for an {@link OpaServerEvaluator}. */
  public OpaEndpoint endpoint() {
    return new OpaEndpoint(url, java.util.Optional.of(token), java.util.Optional.empty());
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

  /** The port the process listens on, once it does. */
  private static int awaitPort(Process process, Path logFile) throws PolicyException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new PolicyException("The OPA server exited during start-up; see " + logFile);
      }
      var port = ListeningPort.of(process.pid());
      if (port.isPresent()) {
        return port.getAsInt();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PolicyException("Interrupted while starting the OPA server", e);
      }
    }
    throw new PolicyException(
        "The OPA server listened on no loopback port within "
            + START_TIMEOUT.toSeconds()
            + " s; see "
            + logFile);
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
                    .header("Authorization", "Bearer " + token)
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
