package io.fleetgate.console;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The platform the console connects to when started without arguments: a URL and a token, kept in
 * {@code ~/.fleetgate/console.properties} readable by its owner only (the token is a credential; it
 * is never logged or shown).
 */
public record ConnectionSettings(String url, String token) {

  public static Path defaultFile() {
    return Path.of(System.getProperty("user.home"), ".fleetgate", "console.properties");
  }

  /** The saved settings, if there are complete ones. */
  public static Optional<ConnectionSettings> load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    String url = properties.getProperty("platform.url", "").strip();
    String token = properties.getProperty("platform.token", "").strip();
    return url.isEmpty() || token.isEmpty()
        ? Optional.empty()
        : Optional.of(new ConnectionSettings(url, token));
  }

  /**
   * Saves, creating the file owner-readable only before the token is written to it.
   *
   * @throws IllegalArgumentException when the URL is not http(s) or the token is empty
   */
  public void save(Path file) throws IOException {
    if (!url.matches("https?://\\S+")) {
      throw new IllegalArgumentException("The platform URL must start with http:// or https://");
    }
    if (token.isBlank()) {
      throw new IllegalArgumentException(
          "A token is needed: create one with 'fleetgate token create --role viewer --name me'.");
    }
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Properties properties = new Properties();
    properties.setProperty("platform.url", url);
    properties.setProperty("platform.token", token);
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, "Fleetgate console connection (owner-readable only)");
    }
  }

  @Override
  public String toString() {
    return "ConnectionSettings[" + url + ", token=<redacted>]";
  }
}
