package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.patch.PatchTarget;
import io.fleetgate.sandbox.NodeImage;
import io.fleetgate.sandbox.NodeSeeding;
import io.fleetgate.sandbox.NodeSimulator;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetgate sandbox simulate-upgrades} as {@code bin/run} starts it: a process of its own
 * that plays until SIGTERM, one per sandbox, and a pid file that a killed player leaves stale.
 */
@SandboxFleetTest(dedicated = true, clusters = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulateUpgradesCliIT {

  private static final String CLUSTER = "beijing-prod";
  private static final Duration WITHIN = Duration.ofSeconds(60);

  /** Every player process a test started, stopped after it whatever the test's outcome. */
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopThePlayersStarted() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void playsUntilSigtermAndRefusesASecondPlayer(SandboxFleetHandle sandbox, @TempDir Path logs)
      throws Exception {
    new NodeSeeding(sandbox.fleet()::api).seed(sandbox.workloadClusters(), 2);
    Path pidFile = sandbox.fleet().layout().playerPidFile();
    Path log = logs.resolve("player.log");
    Process player = start(sandbox, log, "--per-node", "100ms");
    await(() -> contains(log, "Playing node upgrades"), log);
    assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(player.pid()));

    Path second = logs.resolve("second.log");
    Process again = start(sandbox, second);
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).as(Files.readString(second)).isEqualTo(1);
    assertThat(Files.readString(second))
        .contains("An upgrade player already runs for this sandbox (pid " + player.pid());

    sandbox
        .management()
        .applyAs(
            "fleetgate-rollout",
            Map.of(
                "apiVersion",
                "cluster.x-k8s.io/v1beta2",
                "kind",
                "Cluster",
                "metadata",
                Map.of("name", CLUSTER, "namespace", "fleet"),
                "spec",
                Map.of(
                    "topology",
                    Map.of(
                        "version",
                        "v1.34.9",
                        "variables",
                        List.of(
                            Map.of("name", "nodeKernelVersion", "value", "6.8.0-52-generic"))))));
    PatchTarget target = new PatchTarget("v1.34.9", "6.8.0-52-generic", NodeImage.OS_IMAGE);
    await(
        () ->
            new NodeSimulator(sandbox::cluster).nodes(CLUSTER).stream().allMatch(n -> n.at(target)),
        "the nodes walked to v1.34.9");
    await(() -> contains(log, "Walk finished: beijing-prod"), log);

    player.destroy();
    assertThat(player.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log))
        .contains("Walk started: beijing-prod, 2 node(s) to kubernetes v1.34.9")
        .contains("Stopped playing node upgrades");
    assertThat(pidFile).doesNotExist();
  }

  @Test
  @Order(2)
  void aPlayerKilledOutrightLeavesAStalePidFileTheNextOneTakesOver(
      SandboxFleetHandle sandbox, @TempDir Path logs) throws Exception {
    Path pidFile = sandbox.fleet().layout().playerPidFile();
    Process killed = start(sandbox, logs.resolve("killed.log"));
    await(
        () -> contains(logs.resolve("killed.log"), "Playing node upgrades"),
        logs.resolve("killed.log"));
    killed.destroyForcibly();
    killed.waitFor(60, TimeUnit.SECONDS);
    assertThat(Files.readString(pidFile).strip())
        .as("left behind")
        .isEqualTo(Long.toString(killed.pid()));

    Path log = logs.resolve("next.log");
    Process next = start(sandbox, log);
    try {
      await(() -> contains(log, "Playing node upgrades"), log);
      assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(next.pid()));
    } finally {
      next.destroy();
      next.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(3)
  void refusesBadInputAndAMissingSandboxByName(@TempDir Path empty) {
    CliRun duration =
        CliRun.of("sandbox", "simulate-upgrades", "--per-node", "5 minutes", "--state-dir", "x");
    CliRun none = CliRun.of("sandbox", "simulate-upgrades", "--state-dir", empty.toString());

    assertThat(duration.code()).isEqualTo(2);
    assertThat(duration.err()).contains("--per-node must look like 500ms, 30s, 2m or 1h");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err())
        .contains("there is no sandbox in " + empty.toAbsolutePath().normalize())
        .contains("start one with 'fleetgate sandbox up'");
  }

  private Process start(SandboxFleetHandle sandbox, Path log, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sandbox",
                "simulate-upgrades",
                "--state-dir",
                sandbox.fleet().layout().root().toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(process);
    return process;
  }

  private static boolean contains(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits for a line in a player's log; on a timeout the failure shows the log. */
  private static void await(BooleanSupplier condition, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Not within " + WITHIN.toSeconds() + " s, " + log + ":\n" + read(log));
      }
      Thread.sleep(100);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WITHIN.toSeconds() + " s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
