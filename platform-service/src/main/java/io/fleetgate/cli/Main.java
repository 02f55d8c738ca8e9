package io.fleetgate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code fleetgate} executable. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on stdout/stderr and returns its exit code, without exiting. */
  public static int run(String... args) {
    return run(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  /** Runs the command line on the given writers and returns its exit code (for tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new FleetgateCommand())
        .setOut(out)
        .setErr(err)
        .setDefaultValueProvider(new ConfigDefaults())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }
}
