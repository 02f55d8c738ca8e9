package io.fleetgate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code fleetgate} command line in this JVM, as tests drive it: its exit code and
 * what it printed.
 */
public record CliRun(int code, String out, String err) {

  /** Runs {@code fleetgate ARGS} and captures standard output and error apart. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
