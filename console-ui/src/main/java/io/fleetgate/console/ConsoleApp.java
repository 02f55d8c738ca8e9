package io.fleetgate.console;

import atlantafx.base.theme.PrimerLight;
import io.fleetgate.console.activity.ActivityViewModel;
import io.fleetgate.console.fleet.FleetOverviewViewModel;
import io.fleetgate.console.policy.PolicyViewModel;
import io.fleetgate.console.ui.Screenshots;
import io.fleetgate.console.ui.UiThread;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application. By default it embeds the platform: {@code --repo=PATH} (default
 * ~/.fleetgate/fleet-repo), {@code --management-kubeconfig=FILE} (default: the sandbox fleet's),
 * {@code --data-dir=DIR} (default ~/.fleetgate/data) and {@code --api-port=N} (default 8742; the
 * embedded API answers curl too). {@code --platform-url=URL} with a token in {@code
 * FLEETGATE_TOKEN} (or {@code --token-file=FILE}) connects to a running platform-service instead.
 * {@code --screenshot=FILE} saves the window as a PNG once loaded, then exits.
 */
public final class ConsoleApp extends Application {

  /** At most this many pixel columns per SLO chart: a month of snapshots is thinned to them. */
  static final int SLO_COLUMNS = 1200;

  /** How wide the network graph grows before namespaces wrap to the next row. */
  static final double NETWORK_WIDTH = 1040;

  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  private PlatformConnection connection;
  private AutoCloseable events;

  @Override
  public void start(Stage stage) {
    var named = getParameters().getNamed();
    Path home = Path.of(System.getProperty("user.home"), ".fleetgate");
    java.util.Optional<ConnectionSettings> saved = java.util.Optional.empty();
    try {
      saved = ConnectionSettings.load(ConnectionSettings.defaultFile());
    } catch (java.io.IOException e) {
      System.err.println(
          "console: cannot read " + ConnectionSettings.defaultFile() + ": " + e.getMessage());
    }
    if (named.get("platform-url") != null) {
      connection = PlatformConnection.remote(named.get("platform-url"), named.get("token-file"));
    } else if (named.isEmpty() && saved.isPresent()) {
      connection = PlatformConnection.remoteWithToken(saved.get().url(), saved.get().token());
    } else {
      // The embedded platform starts in the background, so the window opens at once.
      PlatformConnection.Embedded embedded =
          new PlatformConnection.Embedded(
              Path.of(named.getOrDefault("repo", home.resolve("fleet-repo").toString())),
              named.get("management-kubeconfig") == null
                  ? io.fleetgate.app.Platform.defaultSandboxKubeconfig()
                  : Path.of(named.get("management-kubeconfig")),
              Path.of(named.getOrDefault("data-dir", home.resolve("data").toString())),
              Integer.parseInt(named.getOrDefault("api-port", "8742")));
      connection =
          PlatformConnection.deferred(
              "Embedded platform · %s · management cluster %s · API http://127.0.0.1:%d"
                  .formatted(
                      embedded.repository(), embedded.managementKubeconfig(), embedded.apiPort()),
              java.util.Optional.of(embedded.repository().toString()),
              CompletableFuture.supplyAsync(
                  () -> PlatformConnection.embedded(embedded), background));
    }
    MainWindow.Models models = show(stage, connection, background);
    reportStartup(stage);
    openEditor(
        (MainWindow) stage.getScene().getRoot(),
        connection,
        Path.of(named.getOrDefault("workspace", home.resolve("workspace").toString())),
        background);
    CompletableFuture<Void> firstSync = new CompletableFuture<>();
    events = follow(connection, models, firstSync);
    models.fleet().refresh();
    models.policy().refresh();
    // A cluster has a synced revision to show once the first sync has finished.
    firstSync.thenRun(() -> javafx.application.Platform.runLater(models.network()::refresh));
    firstSync.thenRun(() -> javafx.application.Platform.runLater(models.slos()::refresh));
    String screenshot = named.get("screenshot");
    if (screenshot != null) {
      // Once the first sync has finished (or a minute has passed), show its results and save.
      firstSync
          .completeOnTimeout(null, 60, java.util.concurrent.TimeUnit.SECONDS)
          .thenCompose(
              done -> CompletableFuture.allOf(models.fleet().refresh(), models.policy().refresh()))
          .whenComplete(
              (done, failure) ->
                  javafx.application.Platform.runLater(
                      () -> saveAndExit(stage, Path.of(screenshot))));
    }
  }

  /**
   * Prints how long the console took to show its window, from the JVM's start (warm-start figure).
   */
  private static void reportStartup(Stage stage) {
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    javafx.animation.AnimationTimer firstFrame =
        new javafx.animation.AnimationTimer() {
          @Override
          public void handle(long now) {
            stop();
            System.out.printf(
                "Console window shown %d ms after the JVM started%n",
                System.currentTimeMillis() - jvmStart);
          }
        };
    firstFrame.start();
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
   * Builds the main window for a connection and shows it; returns the view models (the caller loads
   * them and follows the events).
   */
  public static MainWindow.Models show(
      Stage stage, PlatformConnection connection, ExecutorService background) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    UiThread threads = UiThread.javafx(background);
    MainWindow.Models models =
        new MainWindow.Models(
            new FleetOverviewViewModel(connection.fleet(), threads),
            new ActivityViewModel(threads),
            new PolicyViewModel(connection.policy(), threads),
            new io.fleetgate.console.reports.ReportsViewModel(
                connection.reports(), threads, java.time.LocalDate.now()),
            new io.fleetgate.console.fleet.ClusterDetailViewModel(connection.clusters(), threads),
            new io.fleetgate.console.network.NetworkViewModel(
                connection.network(), threads, NETWORK_WIDTH),
            new io.fleetgate.console.slo.SloViewModel(connection.slos(), threads, SLO_COLUMNS),
            new io.fleetgate.console.rollout.RolloutViewModel(connection.rollouts(), threads));
    stage.setTitle("Fleetgate console");
    MainWindow window = new MainWindow(connection.description(), models);
    Scene scene = new Scene(window, 1280, 720);
    window
        .darkThemeProperty()
        .addListener(
            (obs, was, dark) ->
                Application.setUserAgentStylesheet(
                    dark
                        ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet()));
    var accelerators = scene.getAccelerators();
    for (int i = 0; i < 8; i++) {
      int tab = i;
      accelerators.put(
          new javafx.scene.input.KeyCodeCombination(
              javafx.scene.input.KeyCode.valueOf("DIGIT" + (i + 1)),
              javafx.scene.input.KeyCombination.SHORTCUT_DOWN),
          () -> window.selectTab(tab));
    }
    accelerators.put(
        new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F5),
        () -> {
          models.fleet().refresh();
          models.policy().refresh();
          models.network().refresh();
          models.slos().refresh();
          models.rollouts().refresh();
        });
    accelerators.put(
        new javafx.scene.input.KeyCodeCombination(
            javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCombination.SHORTCUT_DOWN),
        () -> window.darkThemeProperty().set(!window.darkThemeProperty().get()));
    stage.setScene(scene);
    stage.show();
    return models;
  }

  /**
   * Opens (cloning first if needed) the editor's working copy of the connection's repository and
   * loads the policy engine in the background, then puts the editor in its tab; says why not when
   * the connection has no repository or the clone fails.
   */
  public static CompletableFuture<io.fleetgate.console.editor.EditorViewModel> openEditor(
      MainWindow window,
      PlatformConnection connection,
      Path workspace,
      ExecutorService background) {
    if (connection.repository().isEmpty()) {
      window.editorUnavailable(
          "The config editor needs the fleet repository: set FLEETGATE_REPO to its URL or path.");
      return CompletableFuture.completedFuture(null);
    }
    UiThread threads = UiThread.javafx(background);
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                var copy =
                    io.fleetgate.console.editor.Workspace.open(
                        workspace, connection.repository().get());
                var check = io.fleetgate.app.WorkingCopyCheck.open();
                return new io.fleetgate.console.editor.EditorViewModel(
                    copy, check::check, threads, connection.syncNow());
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            background)
        .whenCompleteAsync(
            (model, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                window.editorUnavailable(cause.getMessage());
              } else {
                window.showEditor(model);
                model.open();
              }
            },
            threads.ui());
  }

  /**
   * Feeds the platform's events to the activity timeline, and refreshes the fleet and policy views
   * (at most every two seconds) when a sync finishes.
   */
  public static AutoCloseable follow(PlatformConnection connection, MainWindow.Models models) {
    return follow(connection, models, new CompletableFuture<>());
  }

  /** As {@link #follow(PlatformConnection, MainWindow.Models)}, completing {@code firstSync}. */
  static AutoCloseable follow(
      PlatformConnection connection, MainWindow.Models models, CompletableFuture<Void> firstSync) {
    java.util.concurrent.atomic.AtomicLong lastRefresh =
        new java.util.concurrent.atomic.AtomicLong();
    return connection
        .events()
        .follow(
            0,
            new io.fleetgate.console.remote.PlatformEvents.Listener() {
              @Override
              public void event(
                  long id, String type, com.fasterxml.jackson.databind.JsonNode data) {
                models.activity().event(id, type, data, java.time.Instant.now());
                if (type.equals("sync.finished")) {
                  firstSync.complete(null);
                }
                long now = System.nanoTime();
                long last = lastRefresh.get();
                if (type.equals("sync.finished")
                    && now - last > 2_000_000_000L
                    && lastRefresh.compareAndSet(last, now)) {
                  models.fleet().refresh();
                  models.policy().refresh();
                }
              }

              @Override
              public void reset() {
                // Missed events, or a restarted platform: reload everything the events update.
                models.activity().reset();
                models.fleet().refresh();
                models.policy().refresh();
              }

              @Override
              public void disconnected(String problem) {
                models.activity().disconnected(problem);
                // No events to wait for: show what there is.
                firstSync.complete(null);
              }
            });
  }

  @Override
  public void stop() throws Exception {
    if (events != null) {
      events.close();
    }
    if (connection != null) {
      connection.resources().close();
    }
    background.shutdownNow();
  }
}
