package io.fleetgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prints results and appends them, as Markdown, to {@code target/benchmarks.md} (a smoke run's to
 * {@code target/benchmarks-smoke.md}, so that they are never mistaken for measurements).
 */
final class Report {

  private static final Path FILE =
      Path.of("target", Size.isSmoke() ? "benchmarks-smoke.md" : "benchmarks.md");

  private Report() {}

  static void line(String text) {
    System.out.println(text);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          text + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
