package io.fleetgate.console;

import io.fleetgate.console.ui.Screenshots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;

/** What the console's screen tests do on the JavaFX thread: run, wait for, and photograph. */
public final class FxTesting {

  /** How long one step on the JavaFX thread, or one wait, may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(90);

  private FxTesting() {}

  /**
   * Starts the JavaFX toolkit once for all screen tests (it cannot be started twice) and keeps it
   * running when their windows close.
   */
  public static void startToolkit() throws Exception {
    org.assertj.core.api.Assertions.assertThat(System.getenv("DISPLAY"))
        .as("The console tests need a display. Run them under 'xvfb-run -a' (bin/test does).")
        .isNotBlank();
    CompletableFuture<Void> started = new CompletableFuture<>();
    try {
      Platform.startup(() -> started.complete(null));
    } catch (IllegalStateException alreadyRunning) {
      started.complete(null);
    }
    started.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Platform.setImplicitExit(false);
  }

  /** Runs {@code action} on the JavaFX thread and returns its result. */
  public static <T> T onFx(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(action.get());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * The node matching {@code selector} once it is in the scene. A tab pane adds a newly selected
   * tab's content on the next pulse, so a lookup right after selecting a tab can come back empty.
   */
  public static javafx.scene.Node lookup(Scene scene, String selector) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    javafx.scene.Node node;
    while ((node = onFx(() -> scene.lookup(selector))) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No " + selector + " in the scene within " + TIMEOUT);
      }
      Thread.sleep(50);
    }
    return node;
  }

  /** What to do between two looks at a condition (e.g. reload). */
  @FunctionalInterface
  public interface Retry {
    CompletableFuture<Void> run() throws Exception;
  }

  /** Waits for the condition, asking again (e.g. reloading) between looks. */
  public static void awaitFx(Supplier<Boolean> condition, Retry again) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    again.run().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + TIMEOUT);
      }
      Thread.sleep(500);
      again.run().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** Saves the scene as a PNG under {@code fleetgate.screenshots} (default target/screenshots). */
  public static Path screenshot(Scene scene, String name) throws Exception {
    Path dir = Path.of(System.getProperty("fleetgate.screenshots", "target/screenshots"));
    return onFx(
        () -> {
          try {
            return Screenshots.save(scene, dir.resolve(name));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
