package io.fleetgate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Option defaults from the environment and a config file, so that {@code fleetgate serve} can be
 * configured the way a service is: {@code --port} falls back to {@code FLEETGATE_PORT}, then to
 * {@code port} in the config file ({@code FLEETGATE_CONFIG}, default {@code
 * ~/.fleetgate/config.properties}), then to the option's own default. Flags on the command line
 * always win.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

  private final Map<String, String> environment;
  private final Properties file;

  ConfigDefaults() {
    this(System.getenv(), configFile(System.getenv()));
  }

  ConfigDefaults(Map<String, String> environment, Properties file) {
    this.environment = environment;
    this.file = file;
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec argument) {
    if (!(argument instanceof CommandLine.Model.OptionSpec option)
        || !option.longestName().startsWith("--")) {
      return null;
    }
    String key = option.longestName().substring(2);
    String fromEnvironment =
        environment.get("FLEETGATE_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    String fromFile = file.getProperty(key);
    return fromFile == null || fromFile.isBlank() ? null : fromFile.strip();
  }

  private static Properties configFile(Map<String, String> environment) {
    String given = environment.get("FLEETGATE_CONFIG");
    Path path =
        given != null && !given.isBlank()
            ? Path.of(given)
            : Path.of(System.getProperty("user.home"), ".fleetgate", "config.properties");
    Properties properties = new Properties();
    if (Files.isRegularFile(path)) {
      try (Reader reader = Files.newBufferedReader(path)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "Cannot read the config file " + path + ": " + e.getMessage(), e);
      }
    } else if (given != null && !given.isBlank()) {
      throw new IllegalArgumentException(
          "FLEETGATE_CONFIG names " + path + ", which is not a file");
    }
    return properties;
  }
}
