package io.fleetgate.console;

import io.fleetgate.api.FleetView;
import io.fleetgate.app.Platform;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the console reaches a platform. Today: embedded, running the platform in this JVM against a
 * management cluster's kubeconfig (by default the sandbox fleet's).
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
