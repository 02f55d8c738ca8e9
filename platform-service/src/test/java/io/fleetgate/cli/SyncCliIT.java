package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync and audit commands as users run them: output, exit codes, and a kill -9 mid-sync. */
@SandboxFleetTest
class SyncCliIT {

  private static final String AWS = "aws-cn-north-1-prod";
  private static final int BULK = 1_500;

  @Test
  void syncExitsZeroWhenEverythingConvergesAndOneOnADenial(
      SandboxFleetHandle sandbox, @TempDir Path work) {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    String[] sync = syncArgs(sandbox, repo, work.resolve("data"), AWS);

    CliRun clean = run(sync);
    assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
    assertThat(clean.out())
        .contains("Seed the fleet from clusters/")
        .contains(AWS)
        .contains("synced");

    repo.write(
            "bundles/baseline/debug.yaml",
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: ingress}
        spec:
          containers: [{name: sh, image: "busybox:latest", securityContext: {privileged: true}}]
        """)
        .commit("Debug pod");
    CliRun denied = run(sync);

    assertThat(denied.code()).isEqualTo(1);
    assertThat(denied.out())
        .contains("denied")
        .contains("bundles/baseline/debug.yaml:1 Pod ingress/debug denied by privileged_containers")
        .contains("container \"sh\" runs privileged");

    CliRun status = run("status", "--data-dir", work.resolve("data").toString(), "--cluster", AWS);
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.out())
        .contains(AWS + "    denied")
        .contains(
            "denied    Pod ingress/debug  (baseline, bundles/baseline/debug.yaml:1): privileged_containers");
  }

  @Test
  void diffShowsWhatASyncWouldChangeWithoutChangingIt(
      SandboxFleetHandle sandbox, @TempDir Path work) {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    Path data = work.resolve("data");
    assertThat(run(syncArgs(sandbox, repo, data, AWS)).code()).isZero();
    String[] diff = {
      "diff",
      "--repo",
      repo.dir().toString(),
      "--management-kubeconfig",
      sandbox.managementKubeconfig().toString(),
      "--data-dir",
      data.toString(),
      "--cluster",
      AWS
    };

    CliRun clean = run(diff);
    assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
    assertThat(clean.out()).contains("no changes");

    repo.write(
            "aws-cn-north-1-prod/observability.yaml",
            repo.read("aws-cn-north-1-prod/observability.yaml")
                .replace("retention: 30d", "retention: 90d"))
        .delete("bundles/baseline/quotas.yaml")
        .commit("Longer retention, no quotas");
    CliRun changed = run(diff);

    assertThat(changed.code()).isEqualTo(1);
    assertThat(changed.out())
        .contains(
            "~ ConfigMap platform-observability/prometheus-retention  (cluster-overlay, aws-cn-north-1-prod/observability.yaml:2)")
        .contains("data.retention: \"30d\" → \"90d\"")
        .contains("- ResourceQuota platform-observability/platform-observability")
        .contains("- LimitRange platform-observability/container-defaults")
        .doesNotContain("content-hash");
    assertThat(
            sandbox
                .cluster(AWS)
                .get(
                    new GroupVersionKind("", "v1", "ConfigMap"),
                    "platform-observability",
                    "prometheus-retention")
                .orElseThrow()
                .at("data", "retention")
                .orElseThrow()
                .getAsString())
        .as("diff changes nothing")
        .isEqualTo("30d");
  }

  @Test
  void anUnreachablePolicyServerDeniesEverythingFailClosed(
      SandboxFleetHandle sandbox, @TempDir Path work) {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    String[] sync = syncArgs(sandbox, repo, work.resolve("data"), AWS);
    String[] withDeadOpa =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(sync),
                java.util.stream.Stream.of(
                    "--policy-engine", "opa-server", "--opa-url", "http://127.0.0.1:9"))
            .toArray(String[]::new);

    CliRun result = run(withDeadOpa);

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .contains(AWS + "    denied")
        .contains("denied by fleetgate.engine")
        .contains("unreachable");
  }

  @Test
  void syncExitsTwoOnBadInput(SandboxFleetHandle sandbox, @TempDir Path work) {
    CliRun missingRepo =
        run(
            "sync",
            "--once",
            "--repo",
            work.resolve("nowhere").toString(),
            "--management-kubeconfig",
            sandbox.managementKubeconfig().toString(),
            "--data-dir",
            work.resolve("data").toString());
    CliRun missingKubeconfig =
        run(
            "sync",
            "--once",
            "--repo",
            work.toString(),
            "--management-kubeconfig",
            work.resolve("none.kubeconfig").toString(),
            "--data-dir",
            work.resolve("data").toString());

    assertThat(missingRepo.code()).isEqualTo(2);
    assertThat(missingRepo.err()).contains("Cannot fetch the default branch").contains("nowhere");
    assertThat(missingKubeconfig.code()).isEqualTo(2);
    assertThat(missingKubeconfig.err())
        .contains("Cannot read the management kubeconfig")
        .contains("none.kubeconfig");
  }

  @Test
  void aSyncKilledMidwayResumesOnRestartAndTheAuditChainStillVerifies(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    repo.write(
        "bulk/namespace.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: bulk
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: bulk
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        """);
    for (int file = 0; file < 3; file++) { // a manifest file holds at most 1,000 documents
      StringBuilder bulk = new StringBuilder();
      for (int i = file * BULK / 3; i < (file + 1) * BULK / 3; i++) {
        bulk.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-")
            .append(i)
            .append("\n  namespace: bulk\ndata:\n  index: \"")
            .append(i)
            .append("\"\n");
      }
      repo.write("bulk/config-maps-" + file + ".yaml", bulk.toString());
    }
    repo.write(
        "fleet.yaml",
        repo.read("fleet.yaml")
            .replace(
                "  bundles:\n",
                "  bundles:\n    - name: bulk\n      path: bulk\n      clusterSelector:\n        matchLabels:\n          provider: aws\n"));
    repo.commit("1,500 ConfigMaps for AWS");
    Path data = work.resolve("data");
    String[] sync = syncArgs(sandbox, repo, data, AWS);

    // Killed twice while the apply batches and their audit rows are being written, then resumed.
    List<String> kept = List.of();
    for (int killAt : List.of(BULK / 4, BULK * 2 / 3)) {
      int before = appliesSoFar(data);
      Process process = startSync(sync, work.resolve("killed-at-" + killAt + ".log"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (appliesSoFar(data) < killAt && System.nanoTime() < deadline && process.isAlive()) {
        Thread.sleep(5);
      }
      assertThat(process.isAlive()).as("the sync is still writing when it is killed").isTrue();
      process.destroyForcibly();
      assertThat(process.waitFor()).as("SIGKILL").isEqualTo(137);

      int audited = auditedApplies(data);
      assertThat(audited)
          .as("killed in the middle of the audit rows, after %d of them", killAt)
          .isGreaterThan(before)
          .isLessThan(BULK);
      assertThat(audited)
          .as("every recorded apply has its audit row: they commit in one transaction")
          .isEqualTo(bulkInventoryRows(data));
      assertThat(strings(data, "PRAGMA integrity_check")).containsExactly("ok");
      CliRun verify = run("audit", "verify", "--data-dir", data.toString());
      assertThat(verify.code()).as("the chain right after the kill: " + verify.out()).isZero();
      List<String> rows = auditRows(data);
      assertThat(rows).hasSizeGreaterThanOrEqualTo(kept.size());
      assertThat(rows.subList(0, kept.size()))
          .as("no audit row of an earlier run was lost or changed")
          .isEqualTo(kept);
      kept = rows;
    }

    CliRun resumed = run(sync);

    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(
            sandbox.cluster(AWS).list(new GroupVersionKind("", "v1", "ConfigMap")).stream()
                .filter(cm -> "bulk".equals(cm.namespace()))
                .count())
        .as("no controller runs here, so the namespace holds exactly the bundle's ConfigMaps")
        .isEqualTo(BULK);
    assertThat(auditedApplies(data))
        .as("the audit is complete: every ConfigMap's apply is recorded once the sync resumed")
        .isEqualTo(BULK)
        .isEqualTo(bulkInventoryRows(data));
    List<String> finalRows = auditRows(data);
    assertThat(finalRows.subList(0, kept.size()))
        .as("the resumed run appended to the chain the killed runs left")
        .isEqualTo(kept);
    CliRun verify = run("audit", "verify", "--data-dir", data.toString());
    assertThat(verify.code()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("Audit chain intact");
  }

  private static Process startSync(String[] sync, Path log) throws java.io.IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(sync));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** The audited applies while a sync may still be creating the database: 0 until it has. */
  private static int appliesSoFar(Path data) {
    try {
      return auditedApplies(data);
    } catch (Exception e) {
      return 0;
    }
  }

  /** Each audit row as sequence and hash, in order. */
  private static List<String> auditRows(Path data) throws Exception {
    return strings(data, "SELECT sequence || ' ' || hash FROM audit_log ORDER BY sequence");
  }

  private static List<String> strings(Path data, String query) throws Exception {
    List<String> values = new ArrayList<>();
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var statement = connection.createStatement();
        var row = statement.executeQuery(query)) {
      while (row.next()) {
        values.add(row.getString(1));
      }
    }
    return values;
  }

  @Test
  void auditVerifyExitsOneAndNamesTheRowAfterTampering(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    Path data = work.resolve("data");
    assertThat(run(syncArgs(sandbox, repo, data, AWS)).code()).isZero();
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE audit_log SET detail = 'nothing to see' WHERE sequence = 3");
    }

    CliRun verify = run("audit", "verify", "--data-dir", data.toString());

    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.out()).contains("BROKEN at row 3").contains("altered");
  }

  private static int bulkInventoryRows(Path data) throws Exception {
    return count(
        data, "SELECT COUNT(*) FROM inventory WHERE namespace = 'bulk' AND kind = 'ConfigMap'");
  }

  private static int auditedApplies(Path data) throws Exception {
    return count(
        data,
        "SELECT COUNT(DISTINCT object) FROM audit_log WHERE kind = 'apply'"
            + " AND decision = 'applied' AND object LIKE 'ConfigMap bulk/%'");
  }

  private static int count(Path data, String query) throws Exception {
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("fleetgate.db"));
        var statement = connection.createStatement();
        var row = statement.executeQuery(query)) {
      return row.next() ? row.getInt(1) : 0;
    }
  }

  private static String[] syncArgs(
      SandboxFleetHandle sandbox, FleetRepo repo, Path data, String cluster) {
    return new String[] {
      "sync",
      "--once",
      "--repo",
      repo.dir().toString(),
      "--management-kubeconfig",
      sandbox.managementKubeconfig().toString(),
      "--data-dir",
      data.toString(),
      "--cluster",
      cluster
    };
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
