package io.fleetgate.console;

import io.fleetgate.api.FleetView;
import io.fleetgate.app.Platform;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the console reaches a platform: embedded, running the platform in this JVM against a
 * management cluster's kubeconfig (by default the sandbox fleet's), or remote, a platform-service
 * at a URL reached with a bearer token through the generated API client.
 *
 * @param description one line for the window header
 * @param fleet the fleet read model
 */
public record PlatformConnection(String description, FleetView fleet) {

  /**
   * An embedded platform. When the kubeconfig is missing or refused, the connection still opens and
   * every read explains what to do, so the window can say it instead of failing to start.
   */
  public static PlatformConnection embedded(Path managementKubeconfig) {
    String description = "Embedded platform · management cluster " + managementKubeconfig;
    if (!Files.isRegularFile(managementKubeconfig)) {
      String message =
          "No management cluster kubeconfig at "
              + managementKubeconfig
              + ". Start the sandbox fleet with 'bin/fleetgate sandbox up', or pass"
              + " --management-kubeconfig=FILE.";
      return new PlatformConnection(description, failing(message));
    }
    try {
      return new PlatformConnection(
          description, Platform.embedded(managementKubeconfig).fleetView());
    } catch (RuntimeException e) {
      return new PlatformConnection(description, failing(e.getMessage()));
    }
  }

  /**
   * A platform-service at a URL. The token comes from the file, else {@code FLEETGATE_TOKEN}; when
   * there is none, every read says how to get one.
   */
  public static PlatformConnection remote(String url, String tokenFile) {
    String description = "Platform " + url;
    String token = System.getenv("FLEETGATE_TOKEN");
    try {
      if (tokenFile != null) {
        token = Files.readString(Path.of(tokenFile)).strip();
      }
      if (token == null || token.isBlank()) {
        return new PlatformConnection(
            description,
            failing(
                "No API token: create one with 'fleetgate token create --role viewer --name"
                    + " console' and pass it in FLEETGATE_TOKEN or --token-file=FILE."));
      }
      return new PlatformConnection(
          description,
          new io.fleetgate.console.remote.RemotePlatform(
              java.net.URI.create(url), token, java.time.Clock.systemUTC()));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return new PlatformConnection(
          description, failing("Cannot connect to " + url + ": " + e.getMessage()));
    }
  }

  /** The default: the sandbox fleet's management cluster. */
  public static PlatformConnection embeddedSandbox() {
    return embedded(Platform.defaultSandboxKubeconfig());
  }

  private static FleetView failing(String message) {
    return () -> {
      throw new IllegalStateException(message);
    };
  }
}
