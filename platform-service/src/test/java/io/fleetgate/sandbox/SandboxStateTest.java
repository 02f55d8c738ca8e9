package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxStateTest {

  @Test
  void roundTripsThroughItsFile(@TempDir Path dir) {
    SandboxState state =
        new SandboxState(
            2379,
            2380,
            List.of(
                new SandboxState.Member("management", 6443, null),
                new SandboxState.Member(
                    "beijing-prod", 6444, WorkloadProfile.fleetOf(1).getFirst())));

    state.write(dir.resolve("sandbox.json"));

    SandboxState read = SandboxState.read(dir.resolve("sandbox.json")).orElseThrow();
    assertThat(read).isEqualTo(state);
    assertThat(read.management().isManagement()).isTrue();
    assertThat(read.workloads())
        .extracting(SandboxState.Member::name)
        .containsExactly("beijing-prod");
  }

  @Test
  void isEmptyWhenNeverWritten(@TempDir Path dir) {
    assertThat(SandboxState.read(dir.resolve("sandbox.json"))).isEmpty();
  }

  @Test
  void aCorruptFileSaysHowToReset(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sandbox.json");
    Files.writeString(file, "{\"etcdClientPort\": [");

    assertThatThrownBy(() -> SandboxState.read(file))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("sandbox down");
  }
}
