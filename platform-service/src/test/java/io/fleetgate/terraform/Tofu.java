package io.fleetgate.terraform;

import io.fleetgate.tools.ToolCache;
import io.fleetgate.tools.ToolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pinned OpenTofu from the tool cache, run hermetically: no CLI configuration file of the
 * user's, no prompts, providers only from the tool cache's filesystem mirror ({@code tofu init
 * -plugin-dir}), so nothing is fetched from a registry.
 */
final class Tofu {

  static final String VERSION = "v1.12.6";
  private static final long TIMEOUT_MINUTES = 5;

  private final Path binary;
  private final Path plugins;
  private final Path cliConfig;

  private Tofu(Path binary, Path plugins, Path cliConfig) {
    this.binary = binary;
    this.plugins = plugins;
    this.cliConfig = cliConfig;
  }

  /** The tool cache's OpenTofu, or empty with the reason and remedy appended to {@code why}. */
  static Optional<Tofu> fromToolCache(Path work, StringBuilder why) throws IOException {
    try {
      ToolCache cache = ToolCache.locate();
      Path binary = cache.executable("tofu");
      Path plugins = cache.path("tofu-plugins");
      if (!Files.isDirectory(plugins)) {
        why.append("The OpenTofu provider mirror is missing at ")
            .append(plugins)
            .append(". Run bin/setup tofu.");
        return Optional.empty();
      }
      Files.createDirectories(work);
      Path cliConfig = Files.writeString(work.resolve("tofurc"), "");
      return Optional.of(new Tofu(binary, plugins, cliConfig));
    } catch (ToolException e) {
      why.append("OpenTofu is not in the tool cache (")
          .append(e.getMessage())
          .append("). Run bin/setup tofu.");
      return Optional.empty();
    }
  }

  Path binary() {
    return binary;
  }

  /** {@code tofu init} from the filesystem mirror only. */
  Result init(Path dir) throws IOException, InterruptedException {
    return run(dir, "init", "-input=false", "-no-color", "-plugin-dir=" + plugins);
  }

  /** Runs {@code tofu ARGS} in {@code dir}; fails when it does not finish within five minutes. */
  Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("TF_"));
    builder.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
    builder.environment().put("TF_IN_AUTOMATION", "1");
    builder.environment().put("TF_INPUT", "0");
    builder.redirectErrorStream(true);
    Path log = Files.createTempFile(dir, ".tofu-", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "tofu " + String.join(" ", args) + " did not finish within " + TIMEOUT_MINUTES + " min");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(String.join(" ", args), process.exitValue(), out);
  }

  /** What one run of tofu did. */
  record Result(String command, int code, String output) {

    /** The output, for assertion messages. */
    String describe() {
      return "tofu " + command + " exited " + code + ":\n" + output;
    }
  }
}
