package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@SandboxFleetTest(dedicated = true, clusters = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxLifecycleIT {

  @Test
  @Order(1)
  void writesAKubeconfigPerMemberAndReportsEveryMemberReady(SandboxFleetHandle sandbox) {
    SandboxStatus status = sandbox.fleet().status();

    assertThat(status.allReady()).isTrue();
    assertThat(status.members())
        .extracting(SandboxStatus.MemberStatus::name)
        .containsExactly("management", "beijing-prod", "guangzhou-prod");
    assertThat(status.members()).allSatisfy(m -> assertThat(m.kubeconfig()).isRegularFile());
    assertThat(sandbox.fleet().layout().managementKubeconfig()).isRegularFile();
  }

  @Test
  @Order(2)
  void upIsIdempotentAndKeepsRunningMembers(SandboxFleetHandle sandbox) {
    SandboxStatus before = sandbox.fleet().status();

    SandboxStatus after = sandbox.fleet().up(2, line -> {});

    assertThat(after.members())
        .extracting(SandboxStatus.MemberStatus::pid)
        .containsExactlyElementsOf(
            before.members().stream().map(SandboxStatus.MemberStatus::pid).toList());
  }

  @Test
  @Order(3)
  void restartsAStoppedClusterOnTheSamePortSoKubeconfigsStayValid(SandboxFleetHandle sandbox) {
    SandboxFleet fleet = sandbox.fleet();
    String server = fleet.status().members().get(1).server();

    fleet.stopMember("beijing-prod");
    assertThat(fleet.status().members().get(1).ready()).isFalse();
    fleet.up(2, line -> {});

    SandboxStatus.MemberStatus restarted = fleet.status().members().get(1);
    assertThat(restarted.ready()).isTrue();
    assertThat(restarted.server()).isEqualTo(server);
    assertThat(sandbox.cluster("beijing-prod").server()).isEqualTo(server);
  }

  @Test
  @Order(4)
  void refusesToChangeTheClusterCountOfARunningFleet(SandboxFleetHandle sandbox) {
    assertThatThrownBy(() -> sandbox.fleet().up(3, line -> {}))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("runs 2 workload clusters")
        .hasMessageContaining("sandbox down");
  }

  @Test
  @Order(5)
  void downLeavesNoProcessBehind(SandboxFleetHandle sandbox) {
    SandboxFleet fleet = sandbox.fleet();
    String root = fleet.layout().root().toString() + "/";

    int stopped = fleet.down(false);

    assertThat(stopped).isEqualTo(4);
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      assertThat(all.map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains(root)))
          .isEmpty();
    }
    assertThat(fleet.status().etcdRunning()).isFalse();
    assertThat(Files.exists(fleet.layout().stateFile())).isTrue();
  }

  @Test
  @Order(6)
  void reapsProcessesThatNoPidFileRemembers(SandboxFleetHandle sandbox) throws Exception {
    SandboxFleet fleet = sandbox.fleet();
    fleet.up(2, line -> {});
    // As after a killed JVM and a deleted pid directory: only the processes remain.
    try (Stream<java.nio.file.Path> pids = Files.list(fleet.layout().pids())) {
      for (var pid : pids.toList()) {
        Files.delete(pid);
      }
    }

    assertThat(fleet.down(false)).isEqualTo(4);
  }
}
