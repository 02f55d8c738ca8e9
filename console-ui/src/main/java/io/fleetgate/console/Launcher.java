package io.fleetgate.console;

import javafx.application.Application;

/**
 * Entry point of the console executable. It is separate from {@link ConsoleApp} so that JavaFX
 * starts from the class path, where a main class extending Application would be refused.
 */
public final class Launcher {

  private Launcher() {}

  public static void main(String[] args) {
    Application.launch(ConsoleApp.class, args);
  }
}
