package io.fleetgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSettingsTest {

  @Test
  void savesForTheOwnerOnlyAndLoadsBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fleetgate/console.properties");
    ConnectionSettings settings =
        new ConnectionSettings("https://fleetgate.example.com:8742", "fgt_secret0123456789");

    settings.save(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(ConnectionSettings.load(file)).contains(settings);
    assertThat(settings.toString()).doesNotContain("fgt_secret");
  }

  @Test
  void refusesWhatCouldNotConnectAndIgnoresIncompleteFiles(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> new ConnectionSettings("ftp://x", "fgt_a").save(dir.resolve("c")))
        .hasMessage("The platform URL must start with http:// or https://");
    assertThatThrownBy(() -> new ConnectionSettings("https://x", " ").save(dir.resolve("c")))
        .hasMessageStartingWith("A token is needed");
    Files.writeString(dir.resolve("half.properties"), "platform.url=https://x\n");
    assertThat(ConnectionSettings.load(dir.resolve("half.properties"))).isEmpty();
    assertThat(ConnectionSettings.load(dir.resolve("missing.properties"))).isEmpty();
  }
}
