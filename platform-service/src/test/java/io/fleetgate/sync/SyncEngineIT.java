package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.apply.ClusterApplier;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow on the sandbox fleet: a real Git repository, real OPA (Wasm), three real
 * kube-apiservers discovered through Cluster API. Each test builds on the commits before it.
 */
@SandboxFleetTest(dedicated = true, clusters = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncEngineIT {

  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  private static final GroupVersionKind DEPLOYMENT =
      new GroupVersionKind("apps", "v1", "Deployment");
  private static final GroupVersionKind POD = new GroupVersionKind("", "v1", "Pod");
  private static final GroupVersionKind NETWORK_POLICY =
      new GroupVersionKind("networking.k8s.io", "v1", "NetworkPolicy");
  private static final GroupVersionKind CLUSTER_ROLE =
      new GroupVersionKind("rbac.authorization.k8s.io", "v1", "ClusterRole");
  private static final GroupVersionKind CLUSTER_ROLE_BINDING =
      new GroupVersionKind("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding");

  private static final String BEIJING = "beijing-prod";
  private static final String GUANGZHOU = "guangzhou-prod";
  private static final String AWS = "aws-cn-north-1-prod";

  @TempDir static Path work;
  private static FleetRepo repo;
  private static Path dataDir;

  @BeforeAll
  static void seed() {
    repo = FleetRepo.seed(work.resolve("fleet"));
    dataDir = work.resolve("data");
  }

  @AfterAll
  static void restoreRepo() throws Exception {
    Path moved = work.resolve("fleet-away");
    if (Files.exists(moved)) {
      Files.move(moved, repo.dir());
    }
  }

  @Test
  @Order(1)
  void syncsTheExampleFleetToEveryClusterBySelector(SandboxFleetHandle sandbox) throws Exception {
    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    assertThat(report.outcomes())
        .extracting(ClusterOutcome::cluster)
        .containsExactly(AWS, BEIJING, GUANGZHOU);
    KubeObject gateway =
        sandbox.cluster(BEIJING).get(DEPLOYMENT, "payments", "payment-gateway").orElseThrow();
    assertThat(gateway.at("spec", "replicas").orElseThrow().getAsInt())
        .as("the beijing overlay")
        .isEqualTo(6);
    assertThat(gateway.label(ClusterApplier.BUNDLE_LABEL)).contains("payments");
    assertThat(annotation(gateway, ClusterApplier.SOURCE_ANNOTATION))
        .contains("bundles/payments/payment-gateway.yaml:1");
    assertThat(
            sandbox
                .cluster(GUANGZHOU)
                .get(DEPLOYMENT, "payments", "payment-gateway")
                .orElseThrow()
                .at("spec", "replicas")
                .orElseThrow()
                .getAsInt())
        .isEqualTo(3);
    assertThat(sandbox.cluster(AWS).get(DEPLOYMENT, "payments", "payment-gateway"))
        .as("payments is not for tier=general")
        .isEmpty();
    var beijingHealth = ((ClusterOutcome.Synced) outcome(report, BEIJING)).report().health();
    assertThat(beijingHealth)
        .as("no controller runs in the sandbox, so the Deployment never becomes available")
        .anySatisfy(
            h -> {
              assertThat(h.ref().toString()).isEqualTo("Deployment payments/payment-gateway");
              assertThat(h.health().status())
                  .isEqualTo(io.fleetgate.health.Health.Status.PROGRESSING);
            })
        .anySatisfy(
            h -> {
              assertThat(h.ref().toString()).isEqualTo("Service payments/payment-gateway");
              assertThat(h.health().status()).isEqualTo(io.fleetgate.health.Health.Status.HEALTHY);
            });
    KubeObject retention =
        sandbox
            .cluster(AWS)
            .get(CONFIG_MAP, "platform-observability", "prometheus-retention")
            .orElseThrow();
    assertThat(retention.at("data", "cluster").orElseThrow().getAsString()).isEqualTo(AWS);
  }

  @Test
  @Order(2)
  void anUnchangedCommitAppliesNothing(SandboxFleetHandle sandbox) throws Exception {
    SyncReport report = sync(sandbox);

    assertThat(report.converged()).isTrue();
    for (ClusterOutcome outcome : report.outcomes()) {
      var synced = (ClusterOutcome.Synced) outcome;
      assertThat(synced.report().count(ObjectResult.Action.APPLIED)).as(outcome.cluster()).isZero();
      assertThat(synced.report().count(ObjectResult.Action.UNCHANGED))
          .as(outcome.cluster())
          .isPositive();
    }
  }

  @Test
  @Order(3)
  void appliesAddedAndChangedObjectsAndPrunesRemovedOnes(SandboxFleetHandle sandbox)
      throws Exception {
    repo.write(
            "bundles/baseline/fleet-info.yaml",
            configMap("fleet-info", "platform-observability", "owner: platform-team"))
        .write(
            "aws-cn-north-1-prod/observability.yaml",
            repo.read("aws-cn-north-1-prod/observability.yaml")
                .replace("retention: 30d", "retention: 45d"))
        .delete("bundles/payments/billing-service.yaml")
        .commit("Retire billing-service, add fleet-info, keep metrics 45 days on AWS");

    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    for (String cluster : sandbox.workloadClusters()) {
      assertThat(sandbox.cluster(cluster).get(CONFIG_MAP, "platform-observability", "fleet-info"))
          .as(cluster)
          .isPresent();
      assertThat(sandbox.cluster(cluster).get(DEPLOYMENT, "billing", "billing-service"))
          .as(cluster)
          .isEmpty();
    }
    assertThat(
            sandbox
                .cluster(AWS)
                .get(CONFIG_MAP, "platform-observability", "prometheus-retention")
                .orElseThrow()
                .at("data", "retention")
                .orElseThrow()
                .getAsString())
        .isEqualTo("45d");
  }

  @Test
  @Order(4)
  void neverPrunesAnObjectMarkedPruneDisabled(SandboxFleetHandle sandbox) throws Exception {
    ClusterApi guangzhou = sandbox.cluster(GUANGZHOU);
    protect(guangzhou, "fleetgate-sre-read");
    repo.delete("bundles/baseline/rbac.yaml").commit("Drop the SRE read role");

    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    assertThat(guangzhou.get(CLUSTER_ROLE, null, "fleetgate-sre-read")).as("protected").isPresent();
    assertThat(guangzhou.get(CLUSTER_ROLE_BINDING, null, "fleetgate-sre-read"))
        .as("not protected")
        .isEmpty();
    assertThat(sandbox.cluster(BEIJING).get(CLUSTER_ROLE, null, "fleetgate-sre-read")).isEmpty();
  }

  @Test
  @Order(5)
  void aPolicyDenialBlocksOnlyThatBundleOnTheClustersThatSelectIt(SandboxFleetHandle sandbox)
      throws Exception {
    repo.write(
            "bundles/payments/debug-pod.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
              namespace: payments
            spec:
              containers:
                - name: shell
                  image: busybox:latest
                  securityContext:
                    privileged: true
            """)
        .write(
            "bundles/baseline/fleet-info.yaml",
            configMap("fleet-info", "platform-observability", "owner: platform-sre"))
        .commit("Debug pod for payments");

    SyncReport report = sync(sandbox);

    assertThat(outcome(report, BEIJING))
        .isInstanceOfSatisfying(
            ClusterOutcome.Denied.class,
            denied -> {
              assertThat(denied.deniedBundles()).containsExactly("payments");
              assertThat(denied.gate().denials())
                  .singleElement()
                  .satisfies(
                      v -> {
                        assertThat(v.object().source().toString())
                            .isEqualTo("bundles/payments/debug-pod.yaml:1");
                        assertThat(v.decision().denials())
                            .extracting(f -> f.policy())
                            .contains("privileged_containers", "image_pinned", "resource_limits");
                      });
            });
    assertThat(outcome(report, GUANGZHOU)).isInstanceOf(ClusterOutcome.Denied.class);
    assertThat(outcome(report, AWS)).isInstanceOf(ClusterOutcome.Synced.class);
    assertThat(sandbox.cluster(BEIJING).get(POD, "payments", "debug")).isEmpty();
    assertThat(
            sandbox
                .cluster(BEIJING)
                .get(CONFIG_MAP, "platform-observability", "fleet-info")
                .orElseThrow()
                .at("data", "owner")
                .orElseThrow()
                .getAsString())
        .as("the baseline bundle still syncs")
        .isEqualTo("platform-sre");
    assertThat(sandbox.cluster(BEIJING).get(DEPLOYMENT, "payments", "payment-gateway"))
        .as("a denied bundle is not pruned")
        .isPresent();
  }

  @Test
  @Order(6)
  void aBrokenCommitStallsOnlyItsClustersAndPrunesNothing(SandboxFleetHandle sandbox)
      throws Exception {
    String policies = Files.readString(repo.dir().resolve("bundles/payments/networkpolicies.yaml"));
    String withoutEgress =
        java.util.Arrays.stream(policies.split("\n---\n"))
            .filter(document -> !document.contains("name: payment-gateway-to-billing"))
            .collect(java.util.stream.Collectors.joining("\n---\n"));
    repo.delete("bundles/payments/debug-pod.yaml")
        .write("bundles/payments/networkpolicies.yaml", withoutEgress)
        .write(
            "bundles/payments/broken.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n   namespace: payments\n")
        .commit("Half-finished edit");

    SyncReport report = sync(sandbox);

    assertThat(outcome(report, BEIJING))
        .isInstanceOfSatisfying(
            ClusterOutcome.Stalled.class,
            stalled ->
                assertThat(stalled.problems())
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.toString())
                                .startsWith("bundles/payments/broken.yaml:5: is not valid YAML")));
    assertThat(outcome(report, AWS)).isInstanceOf(ClusterOutcome.Synced.class);
    assertThat(sandbox.cluster(BEIJING).get(DEPLOYMENT, "payments", "payment-gateway"))
        .as("nothing pruned on a failed render")
        .isPresent();
  }

  @Test
  @Order(7)
  void anObjectTheServerRejectsIsReportedWithTheServersMessageAndItsSource(
      SandboxFleetHandle sandbox) throws Exception {
    repo.delete("bundles/payments/broken.yaml")
        .write(
            "bundles/baseline/bad-quota.yaml",
            """
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: bad-quota
              namespace: platform-observability
            spec:
              hard:
                pods: "lots"
            """)
        .commit("A quota the API server will refuse");

    SyncReport report = sync(sandbox);

    assertThat(outcome(report, AWS))
        .isInstanceOfSatisfying(
            ClusterOutcome.Failed.class,
            failed ->
                assertThat(failed.report().failures())
                    .singleElement()
                    .satisfies(
                        f -> {
                          assertThat(f.source()).isEqualTo("bundles/baseline/bad-quota.yaml:1");
                          assertThat(f.message())
                              .contains("quantities must match the regular expression");
                        }));
    assertThat(outcome(report, BEIJING)).isInstanceOf(ClusterOutcome.Failed.class);
    assertThat(
            sandbox.cluster(BEIJING).get(NETWORK_POLICY, "payments", "payment-gateway-to-billing"))
        .as("pruned once the render is fixed")
        .isEmpty();
  }

  @Test
  @Order(8)
  void anUnreachableClusterDoesNotHoldBackTheOthersAndConvergesWhenBack(SandboxFleetHandle sandbox)
      throws Exception {
    repo.delete("bundles/baseline/bad-quota.yaml").commit("Drop the bad quota");
    sandbox.fleet().stopMember(GUANGZHOU);

    SyncReport down = sync(sandbox);

    assertThat(outcome(down, GUANGZHOU))
        .isInstanceOfSatisfying(
            ClusterOutcome.Failed.class, f -> assertThat(f.reason()).startsWith("unreachable"));
    assertThat(outcome(down, BEIJING)).isInstanceOf(ClusterOutcome.Synced.class);
    assertThat(outcome(down, AWS)).isInstanceOf(ClusterOutcome.Synced.class);

    sandbox.fleet().up(3, line -> {});
    SyncReport back = sync(sandbox);

    assertThat(back.converged()).as(describe(back)).isTrue();
    assertThat(
            sandbox
                .cluster(GUANGZHOU)
                .get(NETWORK_POLICY, "payments", "payment-gateway-to-billing"))
        .as("pruned after coming back")
        .isEmpty();
  }

  @Test
  @Order(9)
  void keepsTheLastRevisionWhenGitIsUnreachable(SandboxFleetHandle sandbox) throws Exception {
    String applied = sync(sandbox).revision().commit();
    Files.move(repo.dir(), work.resolve("fleet-away"));
    try {
      SyncReport report = sync(sandbox);

      assertThat(report.stale()).isTrue();
      assertThat(report.staleReason()).contains("cannot fetch");
      assertThat(report.revision().commit()).isEqualTo(applied);
      assertThat(report.converged()).isFalse();
      assertThat(sandbox.cluster(BEIJING).get(CONFIG_MAP, "platform-observability", "fleet-info"))
          .isPresent();
    } finally {
      Files.move(work.resolve("fleet-away"), repo.dir());
    }
  }

  @Test
  @Order(10)
  void theAuditChainVerifiesAndCatchesAnAlteredRow(SandboxFleetHandle sandbox) throws Exception {
    try (SyncSetup setup = open(sandbox)) {
      var verification = setup.store().verify();
      assertThat(verification.intact()).isTrue();
      assertThat(verification.rows()).isGreaterThan(100);
    }
    try (var connection =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("fleetgate.db"));
        var statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE audit_log SET decision = 'applied' WHERE sequence = (SELECT MIN(sequence) FROM audit_log WHERE decision = 'denied')");
    }
    try (SyncSetup setup = open(sandbox)) {
      var verification = setup.store().verify();
      assertThat(verification.intact()).isFalse();
      assertThat(verification.reason()).contains("altered");
    }
  }

  @Test
  @Order(11)
  void aFullCheckFindsDriftHealsSelfHealingBundlesAndReportsTheOthers(SandboxFleetHandle sandbox)
      throws Exception {
    GroupVersionKind quota = new GroupVersionKind("", "v1", "ResourceQuota");
    ClusterApi beijing = sandbox.cluster(BEIJING);
    ClusterApi guangzhou = sandbox.cluster(GUANGZHOU);
    beijing.applyAs(
        "kubectl-edit",
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ResourceQuota",
            "metadata",
            Map.of("name", "platform-observability", "namespace", "platform-observability"),
            "spec",
            Map.of("hard", Map.of("pods", "90"))));
    guangzhou.applyAs(
        "kubectl-edit",
        Map.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            Map.of("name", "payment-gateway", "namespace", "payments"),
            "spec",
            Map.of("replicas", 1)));
    sandbox.cluster(AWS).delete(CONFIG_MAP, "platform-observability", "fleet-info");

    SyncReport incremental = sync(sandbox);
    assertThat(incremental.converged()).as("an incremental sync trusts the content hash").isTrue();

    SyncReport full = sync(sandbox, SyncOptions.fullCheckOfAll());

    assertThat(actions(full, BEIJING, ObjectResult.Action.HEALED))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ref().toString())
                  .isEqualTo("ResourceQuota platform-observability/platform-observability");
              assertThat(r.message()).contains("spec.hard.pods: \"90\" → \"60\"");
            });
    assertThat(
            beijing
                .get(quota, "platform-observability", "platform-observability")
                .orElseThrow()
                .at("spec", "hard", "pods")
                .orElseThrow()
                .getAsString())
        .isEqualTo("60");
    assertThat(actions(full, GUANGZHOU, ObjectResult.Action.DRIFTED))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ref().toString()).isEqualTo("Deployment payments/payment-gateway");
              assertThat(r.message()).contains("spec.replicas: 1 → 3");
            });
    assertThat(
            guangzhou
                .get(DEPLOYMENT, "payments", "payment-gateway")
                .orElseThrow()
                .at("spec", "replicas")
                .orElseThrow()
                .getAsInt())
        .as("payments does not self-heal")
        .isEqualTo(1);
    assertThat(actions(full, AWS, ObjectResult.Action.HEALED))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).contains("deleted"));
    assertThat(sandbox.cluster(AWS).get(CONFIG_MAP, "platform-observability", "fleet-info"))
        .isPresent();
    assertThat(full.converged()).as("unhealed drift remains").isFalse();
  }

  @Test
  @Order(12)
  void aBundleThatRespectsConflictsFailsWithTheServersConflictInsteadOfTakingFieldsOver(
      SandboxFleetHandle sandbox) throws Exception {
    repo.write(
            "fleet.yaml",
            repo.read("fleet.yaml")
                .replace(
                    "        selfHeal: false\n", "        selfHeal: false\n        force: false\n"))
        .write(
            "bundles/payments/payment-gateway.yaml",
            repo.read("bundles/payments/payment-gateway.yaml")
                .replace("replicas: 3", "replicas: 4"))
        .commit("Payments: four gateways, and never overwrite what others manage");

    SyncReport report = sync(sandbox);

    assertThat(outcome(report, GUANGZHOU))
        .isInstanceOfSatisfying(
            ClusterOutcome.Failed.class,
            failed ->
                assertThat(failed.report().failures())
                    .singleElement()
                    .satisfies(
                        f -> {
                          assertThat(f.ref().toString())
                              .isEqualTo("Deployment payments/payment-gateway");
                          assertThat(f.message())
                              .contains("conflict")
                              .contains("kubectl-edit")
                              .contains(".spec.replicas");
                        }));
    assertThat(
            sandbox
                .cluster(GUANGZHOU)
                .get(DEPLOYMENT, "payments", "payment-gateway")
                .orElseThrow()
                .at("spec", "replicas")
                .orElseThrow()
                .getAsInt())
        .as("the other manager's value stands")
        .isEqualTo(1);
    assertThat(outcome(report, BEIJING))
        .as("Fleetgate owns replicas there")
        .isInstanceOf(ClusterOutcome.Synced.class);
  }

  @Test
  @Order(13)
  void reportsWarningEventsAboutSyncedObjects(SandboxFleetHandle sandbox) throws Exception {
    ClusterApi beijing = sandbox.cluster(BEIJING);
    beijing.apply(
        Map.of(
            "apiVersion", "v1",
            "kind", "Event",
            "metadata", Map.of("name", "payment-gateway.quota", "namespace", "payments"),
            "type", "Warning",
            "reason", "FailedCreate",
            "message", "exceeded quota: pods",
            "count", 4,
            "involvedObject",
                Map.of(
                    "apiVersion",
                    "apps/v1",
                    "kind",
                    "Deployment",
                    "namespace",
                    "payments",
                    "name",
                    "payment-gateway")));

    SyncReport report = sync(sandbox);

    var synced = (ClusterOutcome.Synced) outcome(report, BEIJING);
    assertThat(synced.report().events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ref().toString()).isEqualTo("Deployment payments/payment-gateway");
              assertThat(e.toString())
                  .isEqualTo(
                      "Deployment payments/payment-gateway FailedCreate (x4): exceeded quota: pods");
            });
    assertThat(SyncReports.summary(synced)).contains("1 warning event(s)");
  }

  private static java.util.List<ObjectResult> actions(
      SyncReport report, String cluster, ObjectResult.Action action) {
    var outcome = (ClusterOutcome.Synced) outcome(report, cluster);
    return outcome.report().results().stream().filter(r -> r.action() == action).toList();
  }

  private static SyncReport sync(SandboxFleetHandle sandbox, SyncOptions options) throws Exception {
    try (SyncSetup setup = open(sandbox)) {
      return setup.engine().syncOnce(options);
    }
  }

  private static SyncReport sync(SandboxFleetHandle sandbox) throws Exception {
    try (SyncSetup setup = open(sandbox)) {
      return setup.engine().syncOnce(SyncOptions.all());
    }
  }

  private static SyncSetup open(SandboxFleetHandle sandbox) throws Exception {
    return SyncSetup.open(
        new SyncSetup.Config(
            repo.dir().toString(),
            "main",
            sandbox.managementKubeconfig(),
            dataDir,
            SyncSetup.Engine.WASM,
            null),
        Clock.systemUTC());
  }

  private static ClusterOutcome outcome(SyncReport report, String cluster) {
    return report.outcomes().stream()
        .filter(o -> o.cluster().equals(cluster))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no outcome for " + cluster + ": " + describe(report)));
  }

  private static String describe(SyncReport report) {
    StringBuilder text = new StringBuilder();
    for (ClusterOutcome outcome : report.outcomes()) {
      text.append(outcome.cluster())
          .append(' ')
          .append(outcome.word())
          .append(": ")
          .append(SyncReports.summary(outcome))
          .append('\n');
      if (outcome instanceof ClusterOutcome.Failed f && f.report() != null) {
        f.report().failures().forEach(r -> text.append("  ").append(r).append('\n'));
      }
    }
    return text.toString();
  }

  private static Optional<String> annotation(KubeObject object, String key) {
    return object.at("metadata", "annotations", key).map(JsonElement::getAsString);
  }

  private static void protect(ClusterApi cluster, String clusterRole) {
    cluster.applyAs(
        "sre-team",
        Map.of(
            "apiVersion", "rbac.authorization.k8s.io/v1",
            "kind", "ClusterRole",
            "metadata",
                Map.of(
                    "name",
                    clusterRole,
                    "annotations",
                    Map.of(ClusterApplier.PRUNE_ANNOTATION, "disabled"))));
  }

  private static String configMap(String name, String namespace, String data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + namespace
        + "\ndata:\n  "
        + data
        + "\n";
  }
}
