package io.fleetgate.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus's own rule checker and rule unit-test runner ({@code bin/setup} installs it). */
public final class Promtool {

  private final Path executable;

  private Promtool(Path executable) {
    this.executable = executable;
  }

  public static Promtool locate() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return new Promtool(candidate);
      }
    }
    throw new IllegalStateException(
        "promtool is not on PATH; run bin/setup packages (Debian's prometheus package)");
  }

  /** {@code promtool check rules FILE}: its output, after asserting that it passed. */
  public String check(Path rules) throws IOException, InterruptedException {
    Result result = run(List.of("check", "rules", rules.toString()));
    assertThat(result.code()).as(result.output()).isZero();
    return result.output();
  }

  /** {@code promtool test rules FILE}. */
  Result test(Path tests) throws IOException, InterruptedException {
    return run(List.of("test", "rules", tests.toString()));
  }

  record Result(int code, String output) {}

  private Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("promtool did not finish in 120 s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
