package io.fleetgate.cli;

import picocli.CommandLine;

/** Entry point of the {@code fleetgate} executable. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting (for tests). */
  public static int run(String... args) {
    return new CommandLine(new FleetgateCommand())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }
}
