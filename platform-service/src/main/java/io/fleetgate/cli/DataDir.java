package io.fleetgate.cli;

import java.nio.file.Path;

/** The data directory: database, working copies, supervised OPA server. */
final class DataDir {

  private DataDir() {}

  static Path orDefault(Path given) {
    return given != null ? given : Path.of(System.getProperty("user.home"), ".fleetgate", "data");
  }
}
