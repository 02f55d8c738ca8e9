package io.fleetgate.console;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.console.fleet.FleetSource;
import io.fleetgate.console.policy.PolicySource;
import io.fleetgate.console.remote.PlatformEvents;
import io.fleetgate.console.remote.RemotePlatform;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How the console reaches a platform — always through its API, with the generated client: remote, a
 * platform-service at a URL with a token; or embedded, a platform-service started in this JVM (sync
 * loop and API on loopback) against a management cluster and a fleet repository, reached with a
 * token that lives only in this process.
 *
 * @param description one line for the window header
 * @param resources what closing the console must stop (the embedded platform)
 * @param repository the fleet repository the config editor clones, when known
 * @param rollouts the Rollouts tab's reads and commands: over the API in both modes (embedded, the
 *     API on loopback), so a platform without the rollout routes says so in the tab
 * @param syncNow asks the platform for a sync now (after a push); may throw with a sentence
 */
public record PlatformConnection(
    String description,
    FleetSource fleet,
    PolicySource policy,
    io.fleetgate.console.reports.ReportSource reports,
    io.fleetgate.console.fleet.ClusterSource clusters,
    io.fleetgate.console.network.NetworkSource network,
    io.fleetgate.console.slo.SloSource slos,
    io.fleetgate.console.rollout.RolloutSource rollouts,
    Events events,
    AutoCloseable resources,
    java.util.Optional<String> repository,
    Runnable syncNow) {

  /** Follows the platform's events from an id (0: only new ones). */
  @FunctionalInterface
  public interface Events {
    AutoCloseable follow(long lastEventId, PlatformEvents.Listener listener);
  }

  /** What embedding a platform needs. */
  public record Embedded(Path repository, Path managementKubeconfig, Path dataDir, int apiPort) {}

  /**
   * Starts a platform in this JVM. When something is missing or refused, the connection still opens
   * and every read explains what to do, so the window can say it instead of failing to start.
   */
  public static PlatformConnection embedded(Embedded embedded) {
    String description =
        "Embedded platform · %s · management cluster %s"
            .formatted(embedded.repository(), embedded.managementKubeconfig());
    if (!Files.isRegularFile(embedded.managementKubeconfig())) {
      return failing(
          description,
          "No management cluster kubeconfig at "
              + embedded.managementKubeconfig()
              + ". Start the sandbox fleet with 'bin/fleetgate sandbox up', or pass"
              + " --management-kubeconfig=FILE.");
    }
    if (!Files.isDirectory(embedded.repository())) {
      return failing(
          description,
          "No fleet repository at "
              + embedded.repository()
              + ". 'bin/run' seeds one from clusters/, or pass --repo=PATH.");
    }
    try {
      PlatformServer server =
          PlatformServer.onLoopback(
              new SyncSetup.Config(
                  embedded.repository().toString(),
                  "main",
                  embedded.managementKubeconfig(),
                  embedded.dataDir(),
                  SyncSetup.Engine.WASM,
                  null),
              embedded.apiPort(),
              Duration.ofSeconds(15));
      Thread loop = Thread.ofPlatform().name("fleetgate-embedded-sync").start(server::run);
      URI base = URI.create("http://127.0.0.1:" + server.port());
      RemotePlatform platform =
          new RemotePlatform(base, server.inProcessAdminToken("console"), Clock.systemUTC());
      return through(
          description + " · API " + base,
          platform,
          () -> {
            server.stop();
            loop.join(30_000);
            server.close();
          },
          java.util.Optional.of(embedded.repository().toString()));
    } catch (Exception e) {
      return failing(description, "The embedded platform did not start: " + e.getMessage());
    }
  }

  /**
   * A platform-service at a URL. The token comes from the file, else {@code FLEETGATE_TOKEN}; when
   * there is none, every read says how to get one.
   */
  public static PlatformConnection remote(String url, String tokenFile) {
    String token = System.getenv("FLEETGATE_TOKEN");
    try {
      if (tokenFile != null) {
        token = Files.readString(Path.of(tokenFile)).strip();
      }
    } catch (java.io.IOException e) {
      return failing(
          "Platform " + url, "Cannot read the token file " + tokenFile + ": " + e.getMessage());
    }
    return remoteWithToken(url, token);
  }

  /**
   * Every view read through one platform's API.
   *
   * @param resources closed with the connection (an embedded platform's server)
   * @param repository the fleet repository the editor opens, when known
   */
  public static PlatformConnection through(
      String description,
      RemotePlatform platform,
      AutoCloseable resources,
      java.util.Optional<String> repository) {
    return new PlatformConnection(
        description,
        platform,
        platform,
        platform,
        platform,
        platform,
        platform,
        platform,
        platform::events,
        resources,
        repository,
        platform::refresh);
  }

  /** A platform-service at a URL, with the token itself (from the saved settings). */
  public static PlatformConnection remoteWithToken(String url, String token) {
    String description = "Platform " + url;
    try {
      if (token == null || token.isBlank()) {
        return failing(
            description,
            "No API token: create one with 'fleetgate token create --role viewer --name console'"
                + " and pass it in FLEETGATE_TOKEN or --token-file=FILE.");
      }
      RemotePlatform platform = new RemotePlatform(URI.create(url), token, Clock.systemUTC());
      return through(
          description,
          platform,
          () -> {},
          java.util.Optional.ofNullable(System.getenv("FLEETGATE_REPO")));
    } catch (IllegalArgumentException e) {
      return failing(description, "Cannot connect to " + url + ": " + e.getMessage());
    }
  }

  /**
   * A connection still being made (the embedded platform starting): the window can open at once;
   * reads, which run off the UI thread, wait for it, and events follow once it is there.
   */
  public static PlatformConnection deferred(
      String description,
      java.util.Optional<String> repository,
      java.util.concurrent.CompletableFuture<PlatformConnection> starting) {
    return new PlatformConnection(
        description,
        () -> starting.join().fleet().read(),
        () -> starting.join().policy().policy(),
        new io.fleetgate.console.reports.ReportSource() {
          @Override
          public Generated generate(Request request) {
            return starting.join().reports().generate(request);
          }

          @Override
          public byte[] download(String id) {
            return starting.join().reports().download(id);
          }
        },
        cluster -> starting.join().clusters().detail(cluster),
        new io.fleetgate.console.network.NetworkSource() {
          @Override
          public java.util.List<String> clusters() {
            return starting.join().network().clusters();
          }

          @Override
          public java.util.List<Revision> revisions() {
            return starting.join().network().revisions();
          }

          @Override
          public Picture reachability(String cluster, String revision) {
            return starting.join().network().reachability(cluster, revision);
          }

          @Override
          public Explanation explain(String cluster, String revision, String src, String dst) {
            return starting.join().network().explain(cluster, revision, src, dst);
          }

          @Override
          public Diff diff(String cluster, String from, String to) {
            return starting.join().network().diff(cluster, from, to);
          }
        },
        new io.fleetgate.console.slo.SloSource() {
          @Override
          public Report slos() {
            return starting.join().slos().slos();
          }

          @Override
          public java.util.List<Point> history(
              String service,
              String slo,
              java.time.Instant from,
              java.time.Instant to,
              int points) {
            return starting.join().slos().history(service, slo, from, to, points);
          }
        },
        new io.fleetgate.console.rollout.RolloutSource() {
          @Override
          public io.fleetgate.api.RolloutStatus.Board board() {
            return starting.join().rollouts().board();
          }

          @Override
          public io.fleetgate.api.RolloutStatus.CommandResult command(
              String rollout, io.fleetgate.api.RolloutStatus.Command command) {
            return starting.join().rollouts().command(rollout, command);
          }

          @Override
          public io.fleetgate.api.RolloutStatus.Matrix matrix(MatrixTarget target) {
            return starting.join().rollouts().matrix(target);
          }
        },
        (lastEventId, listener) -> {
          java.util.concurrent.CompletableFuture<AutoCloseable> following =
              starting.thenApply(c -> c.events().follow(lastEventId, listener));
          return () ->
              following.thenAccept(
                  f -> {
                    try {
                      f.close();
                    } catch (Exception e) {
                      // closing a stream that is gone already
                    }
                  });
        },
        () -> {
          if (starting.isDone()) {
            starting.join().resources().close();
          } else {
            starting.thenAccept(
                c -> {
                  try {
                    c.resources().close();
                  } catch (Exception e) {
                    // the console is exiting
                  }
                });
          }
        },
        repository,
        () -> starting.join().syncNow().run());
  }

  /** A connection whose every read explains the problem. */
  static PlatformConnection failing(String description, String message) {
    return new PlatformConnection(
        description,
        () -> {
          throw new IllegalStateException(message);
        },
        () -> {
          throw new IllegalStateException(message);
        },
        new io.fleetgate.console.reports.ReportSource() {
          @Override
          public Generated generate(Request request) {
            throw new IllegalStateException(message);
          }

          @Override
          public byte[] download(String id) {
            throw new IllegalStateException(message);
          }
        },
        cluster -> {
          throw new IllegalStateException(message);
        },
        new io.fleetgate.console.network.NetworkSource() {
          @Override
          public java.util.List<String> clusters() {
            throw new IllegalStateException(message);
          }

          @Override
          public java.util.List<Revision> revisions() {
            throw new IllegalStateException(message);
          }

          @Override
          public Picture reachability(String cluster, String revision) {
            throw new IllegalStateException(message);
          }

          @Override
          public Explanation explain(String cluster, String revision, String src, String dst) {
            throw new IllegalStateException(message);
          }

          @Override
          public Diff diff(String cluster, String from, String to) {
            throw new IllegalStateException(message);
          }
        },
        new io.fleetgate.console.slo.SloSource() {
          @Override
          public Report slos() {
            throw new IllegalStateException(message);
          }

          @Override
          public java.util.List<Point> history(
              String service,
              String slo,
              java.time.Instant from,
              java.time.Instant to,
              int points) {
            throw new IllegalStateException(message);
          }
        },
        new io.fleetgate.console.rollout.RolloutSource() {
          @Override
          public io.fleetgate.api.RolloutStatus.Board board() {
            throw new IllegalStateException(message);
          }

          @Override
          public io.fleetgate.api.RolloutStatus.CommandResult command(
              String rollout, io.fleetgate.api.RolloutStatus.Command command) {
            throw new IllegalStateException(message);
          }

          @Override
          public io.fleetgate.api.RolloutStatus.Matrix matrix(MatrixTarget target) {
            throw new IllegalStateException(message);
          }
        },
        (lastEventId, listener) -> {
          listener.disconnected(message);
          return () -> {};
        },
        () -> {},
        java.util.Optional.empty(),
        () -> {});
  }
}
