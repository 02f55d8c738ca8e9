package io.fleetgate.patch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.cli.CliRun;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.sandbox.InjectedFailure;
import io.fleetgate.sandbox.NodeImage;
import io.fleetgate.sandbox.NodeSimulator;
import io.fleetgate.sandbox.UpgradeOutcome;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch matrix over the sandbox fleet, its nodes played by the {@link NodeSimulator} through
 * the real API servers: counts, an upgrade moving them, a node that never comes back, hostile node
 * data, a stopped cluster. The methods build on each other, in order.
 */
@SandboxFleetTest(dedicated = true, clusters = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatchMatrixIT {

  private static final GroupVersionKind NODE = GroupVersionKind.of("v1", "Node");
  private static final String BEIJING = "beijing-prod";
  private static final String GUANGZHOU = "guangzhou-prod";
  private static final String AWS = "aws-cn-north-1-prod";
  private static final NodeImage CURRENT =
      new NodeImage("v1.34.3", NodeImage.KERNEL, NodeImage.OS_IMAGE, NodeImage.RUNTIME);
  private static final NodeImage BEHIND =
      new NodeImage("v1.34.2", "6.8.0-49-generic", NodeImage.OS_IMAGE, NodeImage.RUNTIME);

  @Test
  @Order(1)
  void countsTheSimulatedNodesOfEveryCluster(SandboxFleetHandle sandbox) {
    NodeSimulator simulator = new NodeSimulator(sandbox::cluster);
    assertThat(simulator.seed(BEIJING, 3, CURRENT)).hasSize(3);
    assertThat(simulator.seed(GUANGZHOU, 3, BEHIND)).hasSize(3);
    assertThat(simulator.seed(AWS, 3, CURRENT)).hasSize(3);
    assertThat(simulator.seed(GUANGZHOU, 3, CURRENT)).as("seeding again keeps the nodes").isEmpty();

    CliRun run = matrix(sandbox, "--kubernetes-version", "v1.34.3", "--format", "csv");

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(summary(run.out()))
        .as(run.out() + run.err())
        .containsExactly(
            "fleet/aws-cn-north-1-prod 3/3", "fleet/beijing-prod 3/3", "fleet/guangzhou-prod 0/3");
    assertThat(run.out())
        .contains(
            "fleet/guangzhou-prod,listed,v1.34.2,6.8.0-49-generic,Ubuntu 24.04.1 LTS,3,0,0,0,0,3,");
    KubeObject node =
        sandbox.cluster(BEIJING).get(NODE, null, "beijing-prod-worker-1").orElseThrow();
    assertThat(node.text("status", "addresses")).isEmpty();
    assertThat(node.at("status", "addresses").orElseThrow().getAsJsonArray()).hasSize(2);
    assertThat(node.text("status", "capacity", "pods")).contains("110");
  }

  /** The same nodes judged by a patch rollout's target (still before any upgrade). */
  @Test
  @Order(2)
  void judgesTheNodesByARolloutsTarget(SandboxFleetHandle sandbox, @TempDir Path work)
      throws Exception {
    Path repo = io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));
    Files.writeString(
        repo.resolve("rollouts/kubelet.yaml"),
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: PatchRollout
        metadata:
          name: kubelet-v1.34.3
        spec:
          target: {kubernetesVersion: v1.34.3}
          waves: [{name: canary}]
        """);
    CliRun byRollout =
        matrix(
            sandbox, "--rollout", "kubelet-v1.34.3", "--repo", repo.toString(), "--format", "csv");
    CliRun byExample =
        matrix(
            sandbox, "--rollout", "kernel-2026-11", "--repo", repo.toString(), "--format", "csv");

    assertThat(summary(byRollout.out()))
        .as(byRollout.out() + byRollout.err())
        .containsExactly(
            "fleet/aws-cn-north-1-prod 3/3", "fleet/beijing-prod 3/3", "fleet/guangzhou-prod 0/3");
    // The example rollout's kernel and OS image are newer than any simulated node's.
    assertThat(summary(byExample.out()))
        .as(byExample.out() + byExample.err())
        .containsExactly(
            "fleet/aws-cn-north-1-prod 0/3", "fleet/beijing-prod 0/3", "fleet/guangzhou-prod 0/3");
  }

  @Test
  @Order(3)
  void anUpgradeWalksTheNodesOneByOneAndTheCountsMove(SandboxFleetHandle sandbox) throws Exception {
    NodeSimulator simulator = new NodeSimulator(sandbox::cluster);
    ClusterApi guangzhou = sandbox.cluster(GUANGZHOU);
    AtomicBoolean sawDrained = new AtomicBoolean();
    AtomicBoolean sawRebooting = new AtomicBoolean();
    List<Integer> notReadyAtOnce = new ArrayList<>();
    CompletableFuture<UpgradeOutcome> upgrade =
        CompletableFuture.supplyAsync(
            () ->
                simulator.upgrade(
                    GUANGZHOU,
                    new PatchTarget("v1.34.3", NodeImage.KERNEL, null),
                    Duration.ofMillis(1500),
                    InjectedFailure.none()));
    while (!upgrade.isDone()) {
      int notReady = 0;
      for (KubeObject node : guangzhou.list(NODE)) {
        boolean cordoned = node.text("spec", "unschedulable").equals(java.util.Optional.of("true"));
        if (cordoned && node.annotation(NodeSimulator.DRAIN_ANNOTATION).isPresent()) {
          sawDrained.set(true);
        }
        if (!readyOf(node)) {
          notReady++;
          assertThat(cordoned).as("a node rebooting is cordoned").isTrue();
          if (node.text("status", "nodeInfo", "kubeletVersion").orElse("").equals("v1.34.3")) {
            sawRebooting.set(true);
          }
        }
      }
      notReadyAtOnce.add(notReady);
      Thread.sleep(100);
    }

    assertThat(upgrade.get().upgraded())
        .containsExactly(
            "guangzhou-prod-worker-1", "guangzhou-prod-worker-2", "guangzhou-prod-worker-3");
    assertThat(upgrade.get()).isInstanceOf(UpgradeOutcome.Completed.class);
    assertThat(sawDrained).as("a node seen cordoned with the drain marker").isTrue();
    assertThat(sawRebooting).as("a node seen with its new version, not Ready").isTrue();
    assertThat(notReadyAtOnce).as("one node at a time").allMatch(n -> n <= 1);
    assertThat(guangzhou.list(NODE))
        .allSatisfy(
            node -> {
              assertThat(node.text("spec", "unschedulable"))
                  .isNotEqualTo(java.util.Optional.of("true"));
              assertThat(node.annotation(NodeSimulator.DRAIN_ANNOTATION)).isEmpty();
              assertThat(readyOf(node)).isTrue();
            });

    CliRun run = matrix(sandbox, "--kubernetes-version", "v1.34.3", "--format", "csv");
    assertThat(summary(run.out())).contains("fleet/guangzhou-prod 3/3");
    assertThat(run.code()).as("every cluster read and up to date").isZero();
    assertThat(
            simulator.upgrade(
                GUANGZHOU,
                new PatchTarget("v1.34.3", null, null),
                Duration.ofSeconds(30),
                InjectedFailure.none()))
        .as("nodes already at the target are skipped")
        .isEqualTo(new UpgradeOutcome.Completed(List.of()));
  }

  @Test
  @Order(4)
  void aNodeThatNeverComesBackIsNotUpToDateAndHaltsTheWalk(SandboxFleetHandle sandbox) {
    NodeSimulator simulator = new NodeSimulator(sandbox::cluster);

    UpgradeOutcome outcome =
        simulator.upgrade(
            BEIJING,
            new PatchTarget(null, "6.8.0-52-generic", null),
            Duration.ofMillis(100),
            InjectedFailure.neverReady("beijing-prod-worker-2"));

    assertThat(outcome)
        .isEqualTo(
            new UpgradeOutcome.Halted(
                List.of("beijing-prod-worker-1"),
                "beijing-prod-worker-2",
                "node beijing-prod-worker-2 did not come back Ready after its reboot"));
    CliRun run = matrix(sandbox, "--kernel", "6.8.0-52-generic", "--cluster", "beijing");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("fleet/beijing-prod +1/3 +v1.34.3 +6.8.0-51-generic +\\S.* +1 +0 +0\n")
        .containsPattern("\n +v1.34.3 +6.8.0-52-generic +Ubuntu 24.04.1 LTS +2 +1 +1\n")
        .doesNotContain("guangzhou")
        .doesNotContain("aws");
    KubeObject stuck =
        sandbox.cluster(BEIJING).get(NODE, null, "beijing-prod-worker-2").orElseThrow();
    assertThat(readyOf(stuck)).isFalse();
    assertThat(stuck.text("spec", "unschedulable")).contains("true");
  }

  @Test
  @Order(5)
  void hostileNodeDataComesOutCutAndSafeInCsv(SandboxFleetHandle sandbox, @TempDir Path dir)
      throws Exception {
    String hugeImage = "=HYPERLINK(\"http://evil.example/\",\"patched\")" + "A".repeat(100_000);
    new NodeSimulator(sandbox::cluster)
        .addNode(AWS, "hostile-1", new NodeImage("v1.34.3", "+1+cmd", hugeImage, "@SUM(1)"));
    Path out = dir.resolve("reports/matrix.csv");

    CliRun run =
        matrix(
            sandbox,
            "--kubernetes-version",
            "v1.34.3",
            "--format",
            "csv",
            "--cluster",
            "aws",
            "--out",
            out.toString());

    assertThat(run.err()).contains("Wrote " + out);
    String csv = Files.readString(out);
    assertThat(csv.length()).isLessThan(10_000);
    for (String line : csv.split("\r\n")) {
      for (String cell : MatrixCsvTest.cells(line)) {
        assertThat(cell)
            .doesNotStartWith("=")
            .doesNotStartWith("+")
            .doesNotStartWith("@")
            .doesNotStartWith("-");
        assertThat(cell.codePointCount(0, cell.length()))
            .isLessThanOrEqualTo(FieldBound.MAX_CODE_POINTS + 1);
      }
    }
    assertThat(csv)
        .contains("'+1+cmd")
        .contains("\"'=HYPERLINK(\"\"http://evil.example/\"\"")
        .contains("A…");
    assertThat(Files.getPosixFilePermissions(out))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    CliRun text = matrix(sandbox, "--cluster", "aws");
    assertThat(text.out())
        .contains("=HYPERLINK(\"http://evil.example/\",\"patc…  1")
        .doesNotContain("AAAAAAAAAA\n");
  }

  @Test
  @Order(6)
  void aStoppedClusterIsUnreachableNotZero(SandboxFleetHandle sandbox) {
    sandbox.fleet().stopMember(AWS);

    CliRun csv = matrix(sandbox, "--kubernetes-version", "v1.34.3", "--format", "csv");
    CliRun behind = matrix(sandbox, "--kubernetes-version", "v1.34.3", "--behind");

    assertThat(csv.code()).isEqualTo(1);
    assertThat(csv.out())
        .containsPattern(
            "fleet/aws-cn-north-1-prod,unreachable,,,,,,,,,,[^\r\n]*https://127\\.0\\.0\\.1:\\d+[^\r\n]*\r\n");
    assertThat(summary(csv.out()))
        .containsExactly("fleet/beijing-prod 2/3", "fleet/guangzhou-prod 3/3");
    assertThat(behind.out())
        .containsPattern("fleet/aws-cn-north-1-prod +unreachable")
        .containsPattern("fleet/aws-cn-north-1-prod unreachable \\(.*Failed to connect.*\\)\n")
        .contains("fleet/beijing-prod")
        .doesNotContain("guangzhou");
  }

  @Test
  @Order(7)
  void refusesBadInputByName(SandboxFleetHandle sandbox) {
    CliRun behindWithoutTarget = matrix(sandbox, "--behind");
    CliRun format = matrix(sandbox, "--format", "xlsx");
    CliRun missing =
        CliRun.of(
            "patch", "matrix", "--management-kubeconfig", "/nonexistent/management.kubeconfig");

    assertThat(behindWithoutTarget.code()).isEqualTo(2);
    assertThat(behindWithoutTarget.err()).contains("--behind needs a target");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("--format xlsx is not text or csv");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Cannot read the management kubeconfig /nonexistent/");
  }

  @Test
  @Order(8)
  void anUnreachableManagementClusterIsAnErrorNotAnEmptyFleet(SandboxFleetHandle sandbox) {
    sandbox.fleet().stopMember(io.fleetgate.sandbox.SandboxLayout.MANAGEMENT);

    CliRun run = matrix(sandbox, "--kubernetes-version", "v1.34.3");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "fleetgate: Cannot read the fleet's clusters from the management cluster of "
                + sandbox.managementKubeconfig())
        .contains("Is it up, and is the kubeconfig current?")
        .doesNotContain("HTTP response body");
  }

  private static CliRun matrix(SandboxFleetHandle sandbox, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "patch",
                "matrix",
                "--management-kubeconfig",
                sandbox.managementKubeconfig().toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  /** "cluster upToDate/nodes" of each listed cluster in a CSV matrix, once each. */
  private static List<String> summary(String csv) {
    return csv.lines()
        .skip(1)
        .map(MatrixCsvTest::cells)
        .filter(cells -> cells.get(1).equals("listed"))
        .map(cells -> cells.get(0) + " " + cells.get(9) + "/" + cells.get(10))
        .distinct()
        .toList();
  }

  private static boolean readyOf(KubeObject node) {
    for (var condition : node.at("status", "conditions").orElseThrow().getAsJsonArray()) {
      Map<?, ?> c = new com.google.gson.Gson().fromJson(condition, Map.class);
      if ("Ready".equals(c.get("type"))) {
        return "True".equals(c.get("status"));
      }
    }
    return false;
  }
}
