package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlayerPidFileTest {

  @Test
  void holdsThePidOfThisProcessUntilClosed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sandbox/upgrade-player.pid");

    try (PlayerPidFile held = PlayerPidFile.acquire(file)) {
      assertThat(Files.readString(file).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    assertThat(file).doesNotExist();
  }

  @Test
  void refusesASecondPlayerNamingTheFirstOnesPid(@TempDir Path dir) {
    Path file = dir.resolve("upgrade-player.pid");
    try (PlayerPidFile first = PlayerPidFile.acquire(file)) {
      assertThatThrownBy(() -> PlayerPidFile.acquire(file))
          .isInstanceOf(SandboxException.class)
          .hasMessageContaining("already runs")
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
    }
    PlayerPidFile.acquire(file).close();
  }

  @Test
  void takesOverAStalePidFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("upgrade-player.pid");
    Files.writeString(file, "999999999999\nleft by a player that was killed\n");

    try (PlayerPidFile held = PlayerPidFile.acquire(file)) {
      assertThat(Files.readString(file)).isEqualTo(ProcessHandle.current().pid() + "\n");
    }
  }

  @Test
  void neverFollowsASymlinkPlantedAtItsPath(@TempDir Path dir) throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path file = Files.createSymbolicLink(dir.resolve("upgrade-player.pid"), victim);

    assertThatThrownBy(() -> PlayerPidFile.acquire(file))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("Cannot take the pid file " + file);
    assertThat(Files.readString(victim)).isEqualTo("keep me");
  }
}
