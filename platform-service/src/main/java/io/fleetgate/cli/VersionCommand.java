package io.fleetgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fleetgate version}: prints Fleetgate's version and the Java runtime it runs on. */
@Command(name = "version", description = "Print the Fleetgate version.")
final class VersionCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine()
        .getOut()
        .println("fleetgate " + version() + " (Java " + Runtime.version() + ")");
  }

  static String version() {
    try (InputStream in =
        VersionCommand.class.getResourceAsStream("/io/fleetgate/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Supplies {@code fleetgate --version}. */
  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"fleetgate " + version()};
    }
  }
}
