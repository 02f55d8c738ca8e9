package io.fleetgate.console;

import atlantafx.base.theme.PrimerLight;
import io.fleetgate.console.fleet.FleetOverviewViewModel;
import io.fleetgate.console.ui.Screenshots;
import io.fleetgate.console.ui.UiThread;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application. Parameters: {@code --management-kubeconfig=FILE} (default: the sandbox
 * fleet's management cluster) for the embedded platform, or {@code --platform-url=URL} with a token
 * in {@code FLEETGATE_TOKEN} (or {@code --token-file=FILE}) for a running platform-service; {@code
 * --screenshot=FILE} saves the window as a PNG once the fleet has loaded, then exits (for machines
 * without a screen).
 */
public final class ConsoleApp extends Application {

  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  @Override
  public void start(Stage stage) {
    var named = getParameters().getNamed();
    String kubeconfig = named.get("management-kubeconfig");
    PlatformConnection connection;
    if (named.get("platform-url") != null) {
      connection = PlatformConnection.remote(named.get("platform-url"), named.get("token-file"));
    } else if (kubeconfig == null) {
      connection = PlatformConnection.embeddedSandbox();
    } else {
      connection = PlatformConnection.embedded(Path.of(kubeconfig));
    }
    FleetOverviewViewModel fleet = show(stage, connection, background);
    var loaded = fleet.refresh();
    String screenshot = getParameters().getNamed().get("screenshot");
    if (screenshot != null) {
      loaded.whenComplete(
          (done, failure) ->
              javafx.application.Platform.runLater(() -> saveAndExit(stage, Path.of(screenshot))));
    }
  }

  private static void saveAndExit(Stage stage, Path file) {
    try {
      System.out.println("Saved " + Screenshots.save(stage.getScene(), file).toAbsolutePath());
    } catch (java.io.IOException e) {
      System.err.println("console: cannot save the screenshot to " + file + ": " + e.getMessage());
    }
    javafx.application.Platform.exit();
  }

  /**
   * Builds the main window for a connection, shows it and loads the fleet; returns the view model.
   */
  public static FleetOverviewViewModel show(
      Stage stage, PlatformConnection connection, ExecutorService background) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    FleetOverviewViewModel fleet =
        new FleetOverviewViewModel(connection.fleet(), UiThread.javafx(background));
    stage.setTitle("Fleetgate console");
    stage.setScene(new Scene(new MainWindow(connection.description(), fleet), 1180, 640));
    stage.show();
    return fleet;
  }

  @Override
  public void stop() {
    background.shutdownNow();
  }
}
