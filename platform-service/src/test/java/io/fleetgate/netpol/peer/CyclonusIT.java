package io.fleetgate.netpol.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.tools.ToolCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Cyclonus binary when things go wrong: each failure says what happened and what to do.
 */
class CyclonusIT {

  private static final PortProtocol HTTP = PortProtocol.parse("80/TCP");

  @Test
  void aPolicyCyclonusRejectsFailsWithItsOwnMessage(@TempDir Path work) {
    Map<String, Object> noTypes =
        Map.of(
            "metadata",
            Map.of("namespace", "x", "name", "no-types"),
            "spec",
            Map.of("podSelector", Map.of(), "policyTypes", List.of()));

    assertThatThrownBy(() -> real(Duration.ofSeconds(60)).probe(scenario(List.of(noTypes)), work))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("Cyclonus exited with 1")
        .hasMessageContaining("missing spec.policyTypes from network policy x/no-types");
  }

  @Test
  void aRunPastTheTimeoutIsStoppedAndReported(@TempDir Path work) {
    assertThatThrownBy(() -> real(Duration.ofMillis(1)).probe(scenario(List.of()), work))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("did not finish within");
  }

  @Test
  void aMissingBinarySaysHowToBuildIt(@TempDir Path work) {
    Cyclonus missing = new Cyclonus(work.resolve("no-such-cyclonus"), Duration.ofSeconds(5));

    assertThatThrownBy(() -> missing.probe(scenario(List.of()), work.resolve("run")))
        .isInstanceOf(CyclonusException.class)
        .hasMessageContaining("Run bin/setup cyclonus");
  }

  @Test
  void theToolCacheHoldsThePinnedVersion() throws Exception {
    Path binary = ToolCache.locate().executable("cyclonus");
    assertThat(binary.getParent().getFileName().toString()).isEqualTo("cyclonus-v0.5.6");
    Process version = new ProcessBuilder(binary.toString(), "version").start();
    String out = new String(version.getInputStream().readAllBytes());
    assertThat(version.waitFor()).isZero();
    assertThat(out).contains("\"Version\": \"v0.5.6\"");
  }

  private static Cyclonus real(Duration timeout) {
    return new Cyclonus(ToolCache.locate().executable("cyclonus"), timeout);
  }

  private static PeerScenario scenario(List<Map<String, Object>> policies) {
    ClusterModel model =
        new ClusterModel(
            Map.of("x", Map.of()),
            List.of(
                new ModelPod(
                    PodRef.parse("x/a"),
                    Map.of("pod", "a"),
                    "10.1.0.1",
                    List.of(new ContainerPort("http", 80, Protocol.TCP)))));
    return new PeerScenario(
        "failure", "why", model, List.of(HTTP), policies, List.of(), Optional.empty());
  }
}
