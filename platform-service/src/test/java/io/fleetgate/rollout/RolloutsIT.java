package io.fleetgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.cli.CliRun;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.sandbox.InjectedFailure;
import io.fleetgate.sandbox.NodeSeeding;
import io.fleetgate.sandbox.UpgradePlayer;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patch rollouts end to end on the sandbox fleet: the platform serving a config repository, the
 * sandbox playing Cluster API's node upgrades, and people acting through the command line as
 * holders of API tokens. Each test runs its own rollout; the nodes keep what the previous left.
 */
@SandboxFleetTest(dedicated = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(120);

  /** The platform's clock: the system's, shifted as a test moves it. */
  static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void moveTo(Instant when) {
      offset = Duration.between(Instant.now(), when);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  @TempDir static Path work;

  private static final MovableClock CLOCK = new MovableClock();
  private static FleetRepo repo;
  private static PlatformServer server;
  private static Thread loop;
  private static UpgradePlayer player;
  private static Path operatorToken;
  private static Path outsiderToken;
  private static Path data;

  @BeforeAll
  static void serve(SandboxFleetHandle sandbox) throws Exception {
    new NodeSeeding(sandbox.fleet()::api).seed(sandbox.workloadClusters(), 3);
    player =
        new UpgradePlayer(
                sandbox.fleet()::api,
                new UpgradePlayer.Settings(
                    Duration.ofMillis(100), Duration.ofMillis(150), InjectedFailure.none()),
                event -> {})
            .start();
    repo = FleetRepo.seed(work.resolve("fleet"));
    data = work.resolve("data");
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      Tokens tokens = new Tokens(store.tokens());
      operatorToken = work.resolve("ana.token");
      Files.writeString(
          operatorToken, tokens.create("ana", Role.OPERATOR, List.of("change-board")).secret());
      outsiderToken = work.resolve("bob.token");
      Files.writeString(outsiderToken, tokens.create("bob", Role.OPERATOR).secret());
    }
    server =
        PlatformServer.start(
            new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                sandbox.managementKubeconfig(),
                data,
                SyncSetup.Engine.WASM,
                null),
            new ApiSettings("127.0.0.1", 0, new byte[0]),
            Duration.ofSeconds(1),
            Duration.ofMinutes(30),
            CLOCK,
            report -> {},
            Duration.ofSeconds(3));
    server.rolloutInterval(Duration.ofMillis(250));
    loop = Thread.ofPlatform().name("test-sync-loop").start(server::run);
  }

  @AfterAll
  static void stop() throws Exception {
    if (player != null) {
      player.close();
    }
    if (server != null) {
      server.stop();
      loop.join(30_000);
      server.close();
    }
  }

  @Test
  @Order(1)
  void aThreeWaveRolloutCompletesAndTheCommandLineShowsEveryStep(SandboxFleetHandle sandbox)
      throws Exception {
    publish(
        "three-waves",
        """
        target:
          kernelVersion: 6.8.0-88-generic
          osImage: Ubuntu 24.04.3 LTS
        waves:
          - name: canary
            clusters: [aws-cn-north-1-prod]
            gates:
              health: {minReadyNodes: 100%}
              noPolicyDenials: true
          - name: beijing
            clusters: [beijing-prod]
            maxUnavailableNodes: 2
            gates:
              approval: {group: change-board}
          - name: guangzhou
            clusters: [guangzhou-prod]
            gates:
              health: {minReadyNodes: 100%}
        """);

    CliRun start = rollout("start", "three-waves", operatorToken);
    assertThat(start.code()).as(start.err()).isZero();
    JsonNode held =
        awaitRollout(
            "three-waves",
            r -> r.path("wave").asInt() == 1 && r.at("/waves/1/phase").asText().equals("WAITING"));
    assertThat(held.at("/waves/1/heldBy").asText())
        .isEqualTo("waiting for approval by a member of change-board");
    CliRun outsider = rollout("approve", "three-waves", outsiderToken);
    assertThat(outsider.code()).isEqualTo(1);
    assertThat(outsider.err())
        .contains("token bob may not approve wave 'beijing': it needs a member of change-board");
    CliRun approve = rollout("approve", "three-waves", operatorToken);
    assertThat(approve.code()).as(approve.err()).isZero();

    JsonNode done = awaitRollout("three-waves", r -> r.path("phase").asText().equals("COMPLETED"));

    for (JsonNode wave : done.path("waves")) {
      assertThat(wave.path("phase").asText()).isEqualTo("DONE");
      for (JsonNode cluster : wave.path("clusters")) {
        assertThat(cluster.path("phase").asText()).isEqualTo("DONE");
        assertThat(cluster.path("upToDate").asInt()).isEqualTo(3);
        assertThat(cluster.path("perNode").asDouble()).isPositive();
      }
    }
    for (String cluster : sandbox.workloadClusters()) {
      assertThat(kernels(sandbox, cluster)).containsOnly("6.8.0-88-generic");
      assertThat(declared(sandbox, cluster, "nodeKernelVersion")).isEqualTo("6.8.0-88-generic");
    }
    CliRun status = rollout("status", "three-waves", operatorToken);
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("three-waves  completed  kernel 6.8.0-88-generic, OS image Ubuntu 24.04.3 LTS")
        .contains("1. canary  done")
        .contains("2. beijing  done")
        .contains("3. guangzhou  done")
        .contains("completed: every wave done");
    List<String> steps = auditDetails("three-waves");
    assertThat(steps)
        .containsSubsequence(
            "rollout.started by token ana",
            "rollout.cluster_patching fleet/aws-cn-north-1-prod wave canary: to kernel"
                + " 6.8.0-88-generic, OS image Ubuntu 24.04.3 LTS from kernel 6.8.0-51-generic, OS"
                + " image Ubuntu 24.04.1 LTS",
            "rollout.cluster_done fleet/aws-cn-north-1-prod wave canary: 3 node(s) on the target",
            "rollout.approved wave beijing: by token ana for change-board",
            "rollout.cluster_done fleet/guangzhou-prod wave guangzhou: 3 node(s) on the target",
            "rollout.completed every wave done");
    CliRun verify = CliRun.of("audit", "verify", "--data-dir", data.toString());
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
  }

  @Test
  @Order(2)
  void aNodeThatNeverComesBackRollsBackEveryClusterTheRolloutReached(SandboxFleetHandle sandbox)
      throws Exception {
    publish(
        "kernel-rollback",
        """
        target:
          kernelVersion: 6.8.0-90-generic
        waves:
          - name: canary
            clusters: [aws-cn-north-1-prod]
          - name: rest
            clusters: [beijing-prod, guangzhou-prod]
            maxParallel: 2
        onFailure: rollback
        """);
    player.inject(
        InjectedFailure.neverReadyOnKernel("guangzhou-prod-worker-2", "6.8.0-90-generic"));
    try {
      assertThat(rollout("start", "kernel-rollback", operatorToken).code()).isZero();

      JsonNode rolledBack =
          awaitRollout("kernel-rollback", r -> r.path("phase").asText().equals("ROLLED_BACK"));

      assertThat(rolledBack.path("reason").asText())
          .startsWith("fleet/guangzhou-prod: node guangzhou-prod-worker-2 has its new versions")
          .contains("has not been Ready since");
    } finally {
      player.inject(InjectedFailure.none());
    }
    for (String cluster : sandbox.workloadClusters()) {
      assertThat(declared(sandbox, cluster, "nodeKernelVersion"))
          .as(cluster + " declares its kernel from before")
          .isEqualTo("6.8.0-88-generic");
      awaitNodes(sandbox, cluster, "6.8.0-88-generic");
    }
    assertThat(auditDetails("kernel-rollback"))
        .contains(
            "rollout.cluster_done fleet/aws-cn-north-1-prod wave canary: 3 node(s) on the target",
            "rollout.cluster_restoring fleet/aws-cn-north-1-prod wave rest: back to kernel"
                + " 6.8.0-88-generic",
            "rollout.cluster_restoring fleet/beijing-prod wave rest: back to kernel"
                + " 6.8.0-88-generic",
            "rollout.cluster_restoring fleet/guangzhou-prod wave rest: back to kernel"
                + " 6.8.0-88-generic",
            "rollout.cluster_restored fleet/guangzhou-prod wave rest: on kernel 6.8.0-88-generic",
            "rollout.rolled_back every cluster reached is on its version from before");
  }

  @Test
  @Order(3)
  void aMaintenanceWindowThatIsShutHoldsTheWaveUntilItOpens(SandboxFleetHandle sandbox)
      throws Exception {
    publish(
        "in-window",
        """
        target:
          kernelVersion: 6.8.0-91-generic
        waves:
          - name: everywhere
            clusters: [aws-cn-north-1-prod, beijing-prod, guangzhou-prod]
            maxParallel: 3
            gates:
              maintenanceWindow: {schedule: "0 1 * * SAT", duration: 2h, timeZone: Asia/Shanghai}
        """);
    // Friday 2026-12-04 20:00 in Shanghai: the window opens Saturday 01:00 there.
    CLOCK.moveTo(Instant.parse("2026-12-04T12:00:00Z"));
    try {
      assertThat(rollout("start", "in-window", operatorToken).code()).isZero();
      JsonNode held =
          awaitRollout(
              "in-window", r -> r.at("/waves/0/heldBy").asText().startsWith("outside the"));
      Thread.sleep(1_000);
      held = board("in-window");
      assertThat(held.at("/waves/0/phase").asText()).isEqualTo("WAITING");
      assertThat(held.at("/waves/0/heldBy").asText())
          .isEqualTo(
              "outside the maintenance window 0 1 * * SAT for 2h (Asia/Shanghai) (until"
                  + " 2026-12-04T17:00:00Z)");
      assertThat(kernels(sandbox, "beijing-prod")).doesNotContain("6.8.0-91-generic");

      CLOCK.moveTo(Instant.parse("2026-12-04T17:00:30Z"));

      awaitRollout("in-window", r -> r.path("phase").asText().equals("COMPLETED"));
    } finally {
      CLOCK.moveTo(Instant.now());
    }
    for (String cluster : sandbox.workloadClusters()) {
      assertThat(kernels(sandbox, cluster)).containsOnly("6.8.0-91-generic");
    }
  }

  @Test
  @Order(7)
  void theServiceKilledMidWaveResumesWhereItWasAndItsAuditChainHolds(SandboxFleetHandle sandbox)
      throws Exception {
    player.close();
    player =
        new UpgradePlayer(
                sandbox.fleet()::api,
                new UpgradePlayer.Settings(
                    Duration.ofMillis(100), Duration.ofMillis(700), InjectedFailure.none()),
                event -> {})
            .start();
    FleetRepo own = FleetRepo.seed(work.resolve("killed-fleet"));
    own.write(
            "rollouts/killed.yaml",
            """
            apiVersion: fleetgate.io/v1alpha1
            kind: PatchRollout
            metadata:
              name: killed
            spec:
              target:
                kernelVersion: 6.8.0-93-generic
              waves:
                - name: first
                  clusters: [aws-cn-north-1-prod]
                - name: second
                  clusters: [beijing-prod, guangzhou-prod]
            """)
        .commit("Rollout killed");
    Path killedData = work.resolve("killed-data");
    Path token = work.resolve("carol.token");
    try (SqliteStore store = SqliteStore.open(killedData, Clock.systemUTC())) {
      Files.writeString(token, new Tokens(store.tokens()).create("carol", Role.OPERATOR).secret());
    }
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String[] serve = {
      "serve",
      "--repo",
      own.dir().toString(),
      "--management-kubeconfig",
      sandbox.managementKubeconfig().toString(),
      "--data-dir",
      killedData.toString(),
      "--port",
      Integer.toString(port),
      "--interval",
      "2s",
      "--rollout-interval",
      "300ms"
    };
    String base = "http://127.0.0.1:" + port;
    Map<String, String> before = new java.util.TreeMap<>();
    for (String cluster : sandbox.workloadClusters()) {
      before.put(cluster, declared(sandbox, cluster, "nodeKernelVersion"));
    }
    Path logs = Files.createDirectories(Path.of("target", "rollouts-it"));
    Process first = startServe(serve, logs.resolve("serve-killed.log"));
    try {
      awaitServing(base, token, first, "killed", logs.resolve("serve-killed.log"));
      CliRun start =
          CliRun.of(
              "rollout", "start", "killed", "--server", base, "--token-file", token.toString());
      assertThat(start.code()).as(start.err()).isZero();
      awaitServed(
          base,
          token,
          "killed",
          r ->
              r.at("/waves/1/clusters/0/phase").asText().equals("PATCHING")
                  && r.at("/waves/1/clusters/0/upToDate").asInt() < 3);
    } finally {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(first.isAlive()).isFalse();

    Process second = startServe(serve, logs.resolve("serve-resumed.log"));
    try {
      awaitServing(base, token, second, "killed", logs.resolve("serve-resumed.log"));
      JsonNode done =
          awaitServed(base, token, "killed", r -> r.path("phase").asText().equals("COMPLETED"));
      for (JsonNode cluster : done.at("/waves/1/clusters")) {
        assertThat(cluster.path("upToDate").asInt()).isEqualTo(3);
      }
    } finally {
      second.destroy();
      if (!second.waitFor(30, TimeUnit.SECONDS)) {
        second.destroyForcibly().waitFor();
      }
    }
    List<String> patched = new ArrayList<>();
    try (SqliteStore store = SqliteStore.open(killedData, Clock.systemUTC())) {
      for (var entry : store.entries(0, 100_000)) {
        if (entry.event().kind().equals("rollout.cluster_patching")) {
          patched.add(entry.event().cluster() + " " + entry.event().detail());
        }
      }
    }
    assertThat(patched)
        .as("each cluster patched once, from the kernel it had before the rollout")
        .containsExactlyInAnyOrder(
            "fleet/aws-cn-north-1-prod wave first: to kernel 6.8.0-93-generic from kernel "
                + before.get("aws-cn-north-1-prod"),
            "fleet/beijing-prod wave second: to kernel 6.8.0-93-generic from kernel "
                + before.get("beijing-prod"),
            "fleet/guangzhou-prod wave second: to kernel 6.8.0-93-generic from kernel "
                + before.get("guangzhou-prod"));
    CliRun verify = CliRun.of("audit", "verify", "--data-dir", killedData.toString());
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("Audit chain intact");
    for (String cluster : sandbox.workloadClusters()) {
      assertThat(kernels(sandbox, cluster)).containsOnly("6.8.0-93-generic");
    }
  }

  private static Process startServe(String[] args, Path log) throws java.io.IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                io.fleetgate.cli.Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the served platform lists the rollout. */
  private static void awaitServing(String base, Path token, Process serve, String rollout, Path log)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(serve.isAlive()).as("fleetgate serve is running: " + tail(log)).isTrue();
      try {
        JsonNode board = JSON.readTree(get(base, token, "/api/v1/rollouts"));
        for (JsonNode r : board.path("rollouts")) {
          if (r.path("name").asText().equals(rollout)) {
            return;
          }
        }
      } catch (java.io.IOException | AssertionError notYet) {
        // Starting.
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "fleetgate serve did not list " + rollout + " within 180 s: " + tail(log));
  }

  private static String tail(Path log) throws java.io.IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static JsonNode awaitServed(
      String base, Path token, String rollout, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      for (JsonNode r : JSON.readTree(get(base, token, "/api/v1/rollouts")).path("rollouts")) {
        if (r.path("name").asText().equals(rollout)) {
          last = r;
        }
      }
      if (last != null && condition.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(rollout + " did not get there within " + WAIT + ": " + last);
  }

  private static String get(String base, Path token, String path) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + Files.readString(token))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return answer.body();
  }

  @Test
  @Order(4)
  void theAuditReportCarriesThePatchMatrixAndEveryRolloutsHistory(SandboxFleetHandle sandbox)
      throws Exception {
    // The maintenance-window rollout ran on a clock moved days ahead: a period to the year's end
    // holds all three.
    String period = "\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2027-01-01T00:00:00Z\"";
    JsonNode json =
        JSON.readTree(
            report("{\"format\":\"json\",\"patchTargetRollout\":\"in-window\"," + period + "}"));

    JsonNode patches = json.path("patches");
    assertThat(patches.path("requirement").asText()).isEqualTo("PCI-DSS-v4.0:6.3.3");
    JsonNode matrix = patches.path("matrix");
    assertThat(matrix.path("read").asBoolean()).as(matrix.toString()).isTrue();
    assertThat(matrix.at("/target/source").asText()).isEqualTo("the target of rollout in-window");
    assertThat(matrix.at("/target/kernelVersion").asText()).isEqualTo("6.8.0-91-generic");
    List<String> clusters = new ArrayList<>();
    for (JsonNode cluster : matrix.path("clusters")) {
      clusters.add(cluster.path("cluster").asText());
      assertThat(cluster.path("state").asText()).as(cluster.toString()).isEqualTo("listed");
      assertThat(cluster.path("nodes").asInt()).isEqualTo(3);
      assertThat(cluster.path("upToDate").asInt()).isEqualTo(3);
      assertThat(cluster.at("/levels/0/kernelVersion").asText()).isEqualTo("6.8.0-91-generic");
    }
    assertThat(clusters)
        .containsExactlyInAnyOrderElementsOf(
            sandbox.workloadClusters().stream().map(c -> "fleet/" + c).toList());

    JsonNode threeWaves = rolloutIn(patches, "three-waves");
    assertThat(threeWaves.path("state").asText()).isEqualTo("completed");
    assertThat(threeWaves.path("startedBy").asText()).isEqualTo("token ana");
    assertThat(threeWaves.path("waves"))
        .extracting(w -> w.path("wave").asText())
        .containsExactly("canary", "beijing", "guangzhou");
    for (JsonNode wave : threeWaves.path("waves")) {
      assertThat(wave.path("started").isTextual()).as(wave.toString()).isTrue();
      assertThat(wave.path("done").isTextual()).as(wave.toString()).isTrue();
      assertThat(wave.path("seconds").isNumber()).as(wave.toString()).isTrue();
    }
    assertThat(threeWaves.at("/waves/1/heldFor"))
        .extracting(JsonNode::asText)
        .contains("waiting for approval by a member of change-board");
    assertThat(threeWaves.at("/approvals/0/wave").asText()).isEqualTo("beijing");
    assertThat(threeWaves.at("/approvals/0/by").asText()).isEqualTo("token ana");
    assertThat(threeWaves.at("/approvals/0/group").asText()).isEqualTo("change-board");
    for (JsonNode cluster : threeWaves.path("clusters")) {
      assertThat(cluster.path("outcome").asText()).isEqualTo("done");
      assertThat(cluster.path("patching").isTextual()).isTrue();
      assertThat(cluster.path("seconds").asLong()).isNotNegative();
    }
    JsonNode rollback = rolloutIn(patches, "kernel-rollback");
    assertThat(rollback.path("state").asText()).isEqualTo("rolled_back");
    assertThat(rollback.path("clusters"))
        .extracting(c -> c.path("outcome").asText())
        .containsOnly("restored");
    assertThat(rollback.path("clusters"))
        .anySatisfy(c -> assertThat(c.path("settled").isTextual()).isTrue());
    assertThat(rollback.path("interruptions"))
        .extracting(i -> i.path("kind").asText())
        .containsSubsequence("rolling_back", "rolled_back");
    assertThat(rollback.at("/interruptions/0/reason").asText())
        .startsWith("fleet/guangzhou-prod: node guangzhou-prod-worker-2 has its new versions");
    JsonNode inWindow = rolloutIn(patches, "in-window");
    assertThat(inWindow.path("state").asText()).isEqualTo("completed");
    assertThat(inWindow.at("/waves/0/heldFor"))
        .extracting(JsonNode::asText)
        .anySatisfy(
            hold -> assertThat(hold).startsWith("outside the maintenance window 0 1 * * SAT"));

    String html = report("{\"format\":\"html\"," + period + "}");
    assertThat(html)
        .contains("Patch evidence (PCI-DSS-v4.0:6.3.3)")
        .contains("No target named: nodes counted, not judged.")
        .contains("three-waves — completed")
        .contains("wave beijing by token ana for group change-board");
    Files.writeString(work.resolve("patch-report.html"), html);
    byte[] pdf = reportBytes("{\"format\":\"pdf\"," + period + "}");
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
          .contains("Patch evidence (PCI-DSS-v4.0:6.3.3)")
          .contains("kernel-rollback — rolled back");
    }
    HttpResponse<String> unknown =
        post("/api/v1/reports", "{\"format\":\"json\",\"patchTargetRollout\":\"nope\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no rollout 'nope' at the synced revision");

    String managementToken = tokenOf(Files.readString(sandbox.managementKubeconfig()));
    for (String text : List.of(json.toString(), html)) {
      assertThat(text).doesNotContain(managementToken);
    }
  }

  @Test
  @Order(5)
  void theCommandLineReportKeepsTheHistoryWhenTheManagementClusterIsDown(SandboxFleetHandle sandbox)
      throws Exception {
    int closed;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String kubeconfig = Files.readString(sandbox.managementKubeconfig());
    Path down = work.resolve("management-down.kubeconfig");
    Files.writeString(
        down,
        kubeconfig.replaceAll(
            "server: https://127\\.0\\.0\\.1:\\d+", "server: https://127.0.0.1:" + closed));
    assertThat(Files.readString(down)).contains(":" + closed);
    Path out = work.resolve("down.json");

    CliRun run =
        CliRun.of(
            "audit-report",
            "--data-dir",
            data.toString(),
            "--from",
            "2026-11-01",
            "--to",
            "2027-01-01",
            "--management-kubeconfig",
            down.toString(),
            "--patch-target-rollout",
            "three-waves",
            "--repo",
            repo.dir().toString(),
            "--timeout",
            "3s",
            "--format",
            "json",
            "--out",
            out.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode patches = JSON.readTree(Files.readString(out)).path("patches");
    assertThat(patches.at("/matrix/read").asBoolean()).isFalse();
    assertThat(patches.at("/matrix/reason").asText())
        .startsWith("the management cluster could not be read (");
    assertThat(patches.at("/matrix/clusters").isMissingNode()).isTrue();
    assertThat(patches.path("rollouts"))
        .extracting(r -> r.path("rollout").asText())
        .contains("three-waves", "kernel-rollback", "in-window");

    // Reachable again, judged against an older rollout's target: every node is behind.
    CliRun up =
        CliRun.of(
            "audit-report",
            "--data-dir",
            data.toString(),
            "--from",
            "2026-11-01",
            "--to",
            "2027-01-01",
            "--management-kubeconfig",
            sandbox.managementKubeconfig().toString(),
            "--patch-target-rollout",
            "three-waves",
            "--repo",
            repo.dir().toString(),
            "--format",
            "json",
            "--out",
            out.toString());
    assertThat(up.code()).as(up.err()).isZero();
    JsonNode matrix = JSON.readTree(Files.readString(out)).at("/patches/matrix");
    assertThat(matrix.path("read").asBoolean()).as(matrix.toString()).isTrue();
    assertThat(matrix.at("/target/kernelVersion").asText()).isEqualTo("6.8.0-88-generic");
    assertThat(matrix.path("clusters")).hasSize(3);
    for (JsonNode cluster : matrix.path("clusters")) {
      assertThat(cluster.path("upToDate").asInt()).as(cluster.toString()).isZero();
      assertThat(cluster.path("nodes").asInt()).isEqualTo(3);
    }
  }

  private static JsonNode rolloutIn(JsonNode patches, String name) {
    for (JsonNode r : patches.path("rollouts")) {
      if (r.path("rollout").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no rollout " + name + " in the report: " + patches);
  }

  /** Generates a report through the API and downloads it. */
  private static String report(String request) throws Exception {
    return new String(reportBytes(request), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] reportBytes(String request) throws Exception {
    HttpResponse<String> created = post("/api/v1/reports", request);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String download = JSON.readTree(created.body()).path("download").asText();
    String token = Files.readString(operatorToken);
    HttpResponse<byte[]> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + download))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    String token = Files.readString(operatorToken);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String tokenOf(String kubeconfig) {
    return kubeconfig
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith("token:"))
        .map(l -> l.substring("token:".length()).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no token in the kubeconfig"));
  }

  /** Writes a rollout into the config repository, commits it and waits until it is synced. */
  private static void publish(String name, String spec) throws Exception {
    String document =
        "apiVersion: fleetgate.io/v1alpha1\nkind: PatchRollout\nmetadata:\n  name: "
            + name
            + "\nspec:\n"
            + spec.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    String commit = repo.write("rollouts/" + name + ".yaml", document).commit("Rollout " + name);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode board = JSON.readTree(get("/api/v1/rollouts"));
      boolean there = false;
      for (JsonNode r : board.path("rollouts")) {
        there |= r.path("name").asText().equals(name);
      }
      if (there && board.path("revision").asText().equals(commit)) {
        return;
      }
      assertThat(System.nanoTime())
          .as("rollout " + name + " synced within " + WAIT + ": " + board)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static CliRun rollout(String verb, String name, Path token) {
    return CliRun.of(
        "rollout",
        verb,
        name,
        "--server",
        "http://127.0.0.1:" + server.port(),
        "--token-file",
        token.toString());
  }

  private static JsonNode board(String name) throws Exception {
    for (JsonNode r : JSON.readTree(get("/api/v1/rollouts")).path("rollouts")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no rollout " + name);
  }

  private static JsonNode awaitRollout(String name, Predicate<JsonNode> condition)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = board(name);
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("rollout " + name + " did not get there within " + WAIT + ": " + last);
  }

  private static String get(String path) throws Exception {
    String token = Files.readString(operatorToken);
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return answer.body();
  }

  private static List<String> kernels(SandboxFleetHandle sandbox, String cluster) {
    ClusterApi api = sandbox.cluster(cluster);
    return api.list(io.fleetgate.kube.GroupVersionKind.of("v1", "Node")).stream()
        .map(n -> n.text("status", "nodeInfo", "kernelVersion").orElse(""))
        .toList();
  }

  private static void awaitNodes(SandboxFleetHandle sandbox, String cluster, String kernel)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!kernels(sandbox, cluster).stream().allMatch(kernel::equals)) {
      assertThat(System.nanoTime())
          .as(cluster + "'s nodes back on " + kernel + ": " + kernels(sandbox, cluster))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String declared(SandboxFleetHandle sandbox, String cluster, String variable) {
    KubeObject object =
        sandbox
            .management()
            .get(
                io.fleetgate.kube.GroupVersionKind.of("cluster.x-k8s.io/v1beta2", "Cluster"),
                "fleet",
                cluster)
            .orElseThrow();
    for (var one : object.at("spec", "topology", "variables").orElseThrow().getAsJsonArray()) {
      if (one.getAsJsonObject().get("name").getAsString().equals(variable)) {
        return one.getAsJsonObject().get("value").getAsString();
      }
    }
    return "";
  }

  /** Each audit row of the rollout as {@code kind [cluster] detail}, oldest first. */
  private static List<String> auditDetails(String rollout) throws Exception {
    List<String> rows = new ArrayList<>();
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      for (var entry : store.entries(0, 100_000)) {
        if (entry.event().object().equals("PatchRollout " + rollout)) {
          rows.add(
              entry.event().kind()
                  + (entry.event().cluster().isEmpty() ? "" : " " + entry.event().cluster())
                  + " "
                  + entry.event().detail());
        }
      }
    }
    return rows;
  }
}
