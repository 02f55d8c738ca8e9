package io.fleetgate.slo;

import io.fleetgate.tools.ToolCache;
import io.fleetgate.tools.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sloth's rule generator ({@code sloth generate}), the peer Fleetgate's SLO rules are compared
 * with. It is not part of the default {@code bin/setup}: {@code bin/setup sloth} builds it into the
 * tool cache.
 */
final class Sloth {

  /** The version {@code bin/setup sloth} builds; the comparison was made against this one. */
  static final String VERSION = "v0.16.0";

  private final Path executable;

  private Sloth(Path executable) {
    this.executable = executable;
  }

  /**
   * Sloth from the tool cache, or why it is not there (with the command that builds it).
   *
   * @return the executable, or empty with {@code why} filled in
   */
  static Optional<Sloth> fromToolCache(StringBuilder why) {
    try {
      return Optional.of(new Sloth(ToolCache.locate().executable("sloth")));
    } catch (ToolException e) {
      String cause = e.getMessage().replaceAll("\\s*Run bin/setup[^.]*\\.", "");
      why.append(
          ("Sloth %s is not in the tool cache (%s). The comparison with Sloth is opt-in: build it"
                  + " with 'bin/setup sloth' (about 5 minutes of CPU on a cold machine), then run"
                  + " SlothComparisonIT again.")
              .formatted(VERSION, cause));
      return Optional.empty();
    }
  }

  /** The version the binary reports, so a stale cache entry cannot pass for the pinned one. */
  String version() throws IOException, InterruptedException {
    return run(List.of("version")).strip();
  }

  /** {@code sloth generate -i SPEC -o OUT}: Prometheus rules for a {@code prometheus/v1} spec. */
  void generate(Path spec, Path out) throws IOException, InterruptedException {
    run(List.of("generate", "--input", spec.toString(), "--out", out.toString()));
  }

  /** Runs Sloth; its standard output, or an exception holding what it logged on error. */
  private String run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    Path log = Files.createTempFile("sloth", ".log");
    try {
      // Sloth logs to standard error (its start-up notes too); only standard output is the answer.
      Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("sloth " + args + " did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "sloth %s exited with %d:%n%s"
                .formatted(args, process.exitValue(), Files.readString(log)));
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
