package io.fleetgate.console.ui;

import java.util.concurrent.Executor;

/**
 * Where view models run their work: {@code background} for platform calls that may block, {@code
 * ui} for changes to observable state. Tests pass direct executors and need no toolkit.
 *
 * @param background runs blocking work
 * @param ui runs state changes on the JavaFX application thread
 */
public record UiThread(Executor background, Executor ui) {

  /** The executors of a running JavaFX application. */
  public static UiThread javafx(Executor background) {
    return new UiThread(background, javafx.application.Platform::runLater);
  }
}
