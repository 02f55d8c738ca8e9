package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.domain.FleetgateMetadata;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.plan.Step;
import io.fleetgate.store.SyncRuns;
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
  private static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");
  private static final GroupVersionKind CAPI_CLUSTER =
      io.fleetgate.cluster.capi.CapiClusterDirectory.CLUSTER;
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
    assertThat(gateway.label(FleetgateMetadata.BUNDLE_LABEL)).contains("payments");
    assertThat(annotation(gateway, FleetgateMetadata.SOURCE_ANNOTATION))
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
    var beijingHealth = ((ClusterOutcome.Synced) outcome(report, BEIJING)).applied().health();
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
      assertThat(synced.applied().count(ObjectResult.Action.APPLIED))
          .as(outcome.cluster())
          .isZero();
      assertThat(synced.applied().count(ObjectResult.Action.UNCHANGED))
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
              assertThat(denied.verdicts().denials())
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
            ClusterOutcome.Rejected.class,
            failed ->
                assertThat(failed.objects())
                    .singleElement()
                    .satisfies(
                        f -> {
                          assertThat(f.source()).isEqualTo("bundles/baseline/bad-quota.yaml:1");
                          assertThat(f.message())
                              .contains("quantities must match the regular expression");
                        }));
    assertThat(outcome(report, BEIJING)).isInstanceOf(ClusterOutcome.Rejected.class);
    assertThat(
            sandbox.cluster(BEIJING).get(NETWORK_POLICY, "payments", "payment-gateway-to-billing"))
        .as("prunes wait for a sync in which every object applies")
        .isPresent();
    assertThat(((ClusterOutcome.Rejected) outcome(report, BEIJING)).applied().results())
        .anySatisfy(
            r -> {
              assertThat(r.ref().toString())
                  .isEqualTo("NetworkPolicy payments/payment-gateway-to-billing");
              assertThat(r.action()).isEqualTo(ObjectResult.Action.PROTECTED);
              assertThat(r.message()).contains("prunes wait until every object applies");
            });
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
            ClusterOutcome.Unreachable.class, u -> assertThat(u.reason()).contains("127.0.0.1"));
    assertThat(outcome(down, BEIJING)).isInstanceOf(ClusterOutcome.Synced.class);
    assertThat(outcome(down, AWS)).isInstanceOf(ClusterOutcome.Synced.class);
    assertThat(
            sandbox.cluster(BEIJING).get(NETWORK_POLICY, "payments", "payment-gateway-to-billing"))
        .as("pruned once every object applies")
        .isEmpty();

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
            ClusterOutcome.Rejected.class,
            failed ->
                assertThat(failed.objects())
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
    assertThat(synced.applied().events())
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

  private static final String MOVER =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: mover
        namespace: payments
      data:
        owner: payments-team
      """;

  private static final String EXTRAS_BUNDLE =
      """
          - name: payments-extras
            path: bundles/payments-extras
            clusterSelector:
              matchLabels:
                tier: payments
            namespaces: [payments]
      """;

  @Test
  @Order(14)
  void anObjectMovedBetweenBundlesIsAdoptedNeverDeletedAndRecreated(SandboxFleetHandle sandbox)
      throws Exception {
    String fleet = repo.read("fleet.yaml").replace("        force: false\n", "");
    repo.write("fleet.yaml", fleet)
        .write("bundles/payments/mover.yaml", MOVER)
        .commit("A ConfigMap in the payments bundle, which owns its fields again");
    SyncReport first = sync(sandbox);
    assertThat(first.converged()).as(describe(first)).isTrue();
    String beijingUid = uid(sandbox, BEIJING, "mover");
    String guangzhouUid = uid(sandbox, GUANGZHOU, "mover");

    repo.write("fleet.yaml", withExtrasBundle(fleet))
        .delete("bundles/payments/mover.yaml")
        .write("bundles/payments-extras/mover.yaml", MOVER)
        .commit("Move the ConfigMap to its own bundle");
    SyncReport moved = sync(sandbox);

    assertThat(moved.converged()).as(describe(moved)).isTrue();
    for (String cluster : java.util.List.of(BEIJING, GUANGZHOU)) {
      assertThat(actions(moved, cluster, ObjectResult.Action.ADOPTED))
          .extracting(r -> r.ref().toString())
          .containsExactly("ConfigMap payments/mover");
      assertThat(actions(moved, cluster, ObjectResult.Action.PRUNED)).isEmpty();
      KubeObject live = sandbox.cluster(cluster).get(CONFIG_MAP, "payments", "mover").orElseThrow();
      assertThat(live.label(FleetgateMetadata.BUNDLE_LABEL)).contains("payments-extras");
    }
    assertThat(uid(sandbox, BEIJING, "mover")).as("never re-created").isEqualTo(beijingUid);
    assertThat(uid(sandbox, GUANGZHOU, "mover")).isEqualTo(guangzhouUid);

    SyncReport again = sync(sandbox);
    assertThat(actions(again, BEIJING, ObjectResult.Action.APPLIED)).isEmpty();
    assertThat(actions(again, BEIJING, ObjectResult.Action.ADOPTED)).isEmpty();
    assertThat(uid(sandbox, BEIJING, "mover")).isEqualTo(beijingUid);
  }

  @Test
  @Order(15)
  void anObjectWhoseMoveFailsToApplyStaysWithItsOldBundle(SandboxFleetHandle sandbox)
      throws Exception {
    String beijingUid = uid(sandbox, BEIJING, "mover");
    repo.delete("bundles/payments-extras/mover.yaml")
        .write("bundles/payments-extras/keep.yaml", MOVER.replace("name: mover", "name: keep"))
        .write(
            "bundles/payments/mover.yaml",
            MOVER.replace("data:\n  owner: payments-team", "data:\n  owner: [not, a, string]"))
        .commit("Move the ConfigMap back, with data the API server refuses");
    SyncReport report = sync(sandbox);

    assertThat(outcome(report, BEIJING))
        .isInstanceOfSatisfying(
            ClusterOutcome.Rejected.class,
            r ->
                assertThat(r.objects())
                    .extracting(o -> o.ref().toString())
                    .containsExactly("ConfigMap payments/mover"));
    KubeObject live = sandbox.cluster(BEIJING).get(CONFIG_MAP, "payments", "mover").orElseThrow();
    assertThat(live.uid()).as("a failed apply never prunes its object").isEqualTo(beijingUid);
    assertThat(live.label(FleetgateMetadata.BUNDLE_LABEL)).contains("payments-extras");

    repo.write("bundles/payments/mover.yaml", MOVER).commit("Fix the data");
    SyncReport fixed = sync(sandbox);
    assertThat(fixed.converged()).as(describe(fixed)).isTrue();
    assertThat(uid(sandbox, BEIJING, "mover")).isEqualTo(beijingUid);
    assertThat(
            sandbox
                .cluster(BEIJING)
                .get(CONFIG_MAP, "payments", "mover")
                .orElseThrow()
                .label(FleetgateMetadata.BUNDLE_LABEL))
        .contains("payments");
  }

  @Test
  @Order(16)
  void anObjectMovedIntoAClusterOverlayStaysOnThatClusterAndLeavesTheOthers(
      SandboxFleetHandle sandbox) throws Exception {
    String beijingUid = uid(sandbox, BEIJING, "mover");
    repo.delete("bundles/payments/mover.yaml")
        .write("beijing-prod/mover.yaml", MOVER)
        .commit("Only beijing needs the ConfigMap");
    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    assertThat(actions(report, BEIJING, ObjectResult.Action.ADOPTED))
        .extracting(r -> r.ref().toString())
        .containsExactly("ConfigMap payments/mover");
    assertThat(uid(sandbox, BEIJING, "mover")).as("never re-created").isEqualTo(beijingUid);
    assertThat(
            sandbox
                .cluster(BEIJING)
                .get(CONFIG_MAP, "payments", "mover")
                .orElseThrow()
                .label(FleetgateMetadata.BUNDLE_LABEL))
        .contains(io.fleetgate.render.Renderer.OVERLAY_BUNDLE);
    assertThat(sandbox.cluster(GUANGZHOU).get(CONFIG_MAP, "payments", "mover"))
        .as("no longer declared for guangzhou")
        .isEmpty();

    SyncReport again = sync(sandbox);
    assertThat(again.converged()).isTrue();
    assertThat(uid(sandbox, BEIJING, "mover")).isEqualTo(beijingUid);
  }

  @Test
  @Order(17)
  void aKustomizationThatRendersNothingIsRefusedAndPrunesNothing(SandboxFleetHandle sandbox)
      throws Exception {
    repo.write(
            "bundles/payments-extras/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n")
        .commit("A kustomization that lists nothing");
    SyncReport report = sync(sandbox);

    assertThat(outcome(report, BEIJING))
        .isInstanceOfSatisfying(
            ClusterOutcome.Stalled.class,
            stalled ->
                assertThat(stalled.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p.toString())
                                .startsWith("bundles/payments-extras/kustomization.yaml")
                                .contains("renders no objects")));
    assertThat(sandbox.cluster(BEIJING).get(CONFIG_MAP, "payments", "keep"))
        .as("nothing pruned on an empty render")
        .isPresent();
    assertThat(outcome(report, AWS)).isInstanceOf(ClusterOutcome.Synced.class);

    repo.delete("bundles/payments-extras/kustomization.yaml").commit("Plain manifests again");
    assertThat(sync(sandbox).converged()).isTrue();
  }

  @Test
  @Order(18)
  void twoClustersOfOneNameInTwoNamespacesShareNoInventoryOrResults(SandboxFleetHandle sandbox)
      throws Exception {
    ClusterApi management = sandbox.management();
    KubeObject original = management.get(CAPI_CLUSTER, "fleet", BEIJING).orElseThrow();
    KubeObject secret = management.get(SECRET, "fleet", BEIJING + "-kubeconfig").orElseThrow();
    management.apply(
        Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "fleet-dr")));
    Map<String, Object> labels = new java.util.LinkedHashMap<>();
    original
        .at("metadata", "labels")
        .orElseThrow()
        .getAsJsonObject()
        .entrySet()
        .forEach(e -> labels.put(e.getKey(), e.getValue().getAsString()));
    declareCluster(
        management, "fleet-dr", BEIJING, labels, secret.text("data", "value").orElseThrow());
    try {
      SyncReport report = sync(sandbox);

      assertThat(report.outcomes())
          .filteredOn(o -> o.cluster().equals(BEIJING))
          .extracting(ClusterOutcome::key)
          .containsExactlyInAnyOrder("fleet/" + BEIJING, "fleet-dr/" + BEIJING);
      var twin =
          report.outcomes().stream()
              .filter(o -> o.key().equals("fleet-dr/" + BEIJING))
              .findFirst()
              .orElseThrow();
      assertThat(ClusterOutcome.count(twin, ObjectResult.Action.APPLIED))
          .as("its own inventory starts empty: it applies everything once")
          .isPositive();
      try (var store = io.fleetgate.store.sqlite.SqliteStore.open(dataDir, Clock.systemUTC())) {
        assertThat(store.applied("fleet/" + BEIJING)).isNotEmpty();
        assertThat(store.applied("fleet-dr/" + BEIJING)).isNotEmpty();
        assertThat(store.latestResults())
            .extracting(SyncRuns.ClusterResult::cluster)
            .contains("fleet/" + BEIJING, "fleet-dr/" + BEIJING);
      }
    } finally {
      management.delete(CAPI_CLUSTER, "fleet-dr", BEIJING);
      management.delete(SECRET, "fleet-dr", BEIJING + "-kubeconfig");
    }
    assertThat(sync(sandbox).converged()).isTrue();
  }

  @Test
  @Order(19)
  void aDryRunPlansOnlyAndChangesNeitherTheClusterNorTheRecords(SandboxFleetHandle sandbox)
      throws Exception {
    repo.write("bundles/payments/dry.yaml", MOVER.replace("name: mover", "name: dry"))
        .commit("A ConfigMap to remove");
    assertThat(sync(sandbox).converged()).isTrue();
    repo.delete("bundles/payments/dry.yaml").commit("Remove it");
    long auditRows;
    int inventory;
    try (var store = io.fleetgate.store.sqlite.SqliteStore.open(dataDir, Clock.systemUTC())) {
      auditRows = store.verify().rows();
      inventory = store.applied("fleet/" + BEIJING).size();
    }

    SyncReport dry = sync(sandbox, new SyncOptions(Optional.empty(), true, false));

    assertThat(actions(dry, BEIJING, ObjectResult.Action.PRUNED))
        .singleElement()
        .satisfies(r -> assertThat(r.message()).isEqualTo("dry run: would be deleted"));
    assertThat(sandbox.cluster(BEIJING).get(CONFIG_MAP, "payments", "dry")).isPresent();
    try (var store = io.fleetgate.store.sqlite.SqliteStore.open(dataDir, Clock.systemUTC())) {
      assertThat(store.verify().rows()).as("a dry run records nothing").isEqualTo(auditRows);
      assertThat(store.applied("fleet/" + BEIJING)).hasSize(inventory);
    }

    assertThat(sync(sandbox).converged()).isTrue();
    assertThat(sandbox.cluster(BEIJING).get(CONFIG_MAP, "payments", "dry")).isEmpty();
  }

  @Test
  @Order(20)
  void aKubeconfigSecretThatNamesAHostFileIsRefusedAndNothingIsSent(
      SandboxFleetHandle sandbox, @TempDir Path files) throws Exception {
    Path stolen = files.resolve("host-secret");
    Files.writeString(stolen, "canary-7f3a-host-file-content");
    var requests = new java.util.concurrent.atomic.AtomicInteger();
    var trap =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    trap.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    trap.start();
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: evil
          cluster: {server: "https://127.0.0.1:%d", certificate-authority-data: AAAA}
        users:
        - name: evil
          user: {tokenFile: "%s"}
        contexts:
        - name: evil
          context: {cluster: evil, user: evil}
        current-context: evil
        """
            .formatted(trap.getAddress().getPort(), stolen);
    ClusterApi management = sandbox.management();
    declareCluster(
        management,
        "fleet",
        "evil",
        Map.of("env", "prod"),
        java.util.Base64.getEncoder()
            .encodeToString(kubeconfig.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      SyncReport report = sync(sandbox);

      assertThat(outcome(report, "evil"))
          .isInstanceOfSatisfying(
              ClusterOutcome.Stalled.class,
              u ->
                  assertThat(u.reason())
                      .contains("Secret fleet/evil-kubeconfig")
                      .contains("users[].user.tokenFile")
                      .doesNotContain(stolen.toString())
                      .doesNotContain("canary-7f3a"));
      assertThat(requests.get()).as("requests the kubeconfig's server received").isZero();
      assertThat(outcome(report, BEIJING)).isInstanceOf(ClusterOutcome.Synced.class);
    } finally {
      trap.stop(0);
      management.delete(CAPI_CLUSTER, "fleet", "evil");
      management.delete(SECRET, "fleet", "evil-kubeconfig");
    }
  }

  @Test
  @Order(21)
  void aBundleRemovedFromTheFleetIsJudgedByThePruneSettingItLastHad(SandboxFleetHandle sandbox)
      throws Exception {
    String fleet = repo.read("fleet.yaml");
    repo.write("fleet.yaml", withBundle(fleet, ARCHIVE_BUNDLE.replace("PRUNE", "true")))
        .write("bundles/payments-archive/keep-me.yaml", MOVER.replace("mover", "keep-me"))
        .commit("An archive bundle");
    SyncReport declared = sync(sandbox);
    assertThat(
            actions(declared, BEIJING, ObjectResult.Action.APPLIED).stream()
                .map(r -> r.ref().toString()))
        .as(describe(declared))
        .contains("ConfigMap payments/keep-me");

    repo.write("fleet.yaml", withBundle(fleet, ARCHIVE_BUNDLE.replace("PRUNE", "false")))
        .commit("The archive bundle never prunes");
    // Only a cluster the bundle does not select syncs this revision; the payments clusters
    // never plan with prune: false, as when they are unreachable.
    sync(sandbox, new SyncOptions(Optional.of(AWS), false, false));
    repo.write("fleet.yaml", fleet).commit("Retire the archive bundle");
    SyncReport retired = sync(sandbox);

    for (String cluster : java.util.List.of(BEIJING, GUANGZHOU)) {
      assertThat(actions(retired, cluster, ObjectResult.Action.PRUNED))
          .as("a bundle that did not prune deletes nothing when it is removed")
          .isEmpty();
      assertThat(sandbox.cluster(cluster).get(CONFIG_MAP, "payments", "keep-me")).isPresent();
      assertThat(actions(retired, cluster, ObjectResult.Action.PROTECTED))
          .extracting(r -> r.ref().toString() + ": " + r.message())
          .containsExactly(
              "ConfigMap payments/keep-me: " + Step.Reason.BUNDLE_DOES_NOT_PRUNE.message());
    }

    repo.write("fleet.yaml", withBundle(fleet, ARCHIVE_BUNDLE.replace("PRUNE", "true")))
        .commit("The archive bundle prunes after all");
    assertThat(sync(sandbox).converged()).isTrue();
    repo.write("fleet.yaml", fleet)
        .delete("bundles/payments-archive/keep-me.yaml")
        .commit("Retire the archive bundle, which now prunes");
    SyncReport pruned = sync(sandbox);

    assertThat(actions(pruned, BEIJING, ObjectResult.Action.PRUNED))
        .extracting(r -> r.ref().toString())
        .containsExactly("ConfigMap payments/keep-me");
    assertThat(sandbox.cluster(BEIJING).get(CONFIG_MAP, "payments", "keep-me")).isEmpty();
  }

  private static final String ARCHIVE_BUNDLE =
      """
          - name: payments-archive
            path: bundles/payments-archive
            clusterSelector:
              matchLabels:
                tier: payments
            namespaces: [payments]
            sync:
              prune: PRUNE
      """;

  private static String withBundle(String fleet, String bundle) {
    return fleet.replace(
        "  # Parameters of the built-in policies",
        bundle + "  # Parameters of the built-in policies");
  }

  /**
   * Declares a workload cluster in the management cluster as Cluster API would: its {@code
   * <name>-kubeconfig} Secret and its {@code Cluster}.
   */
  private static void declareCluster(
      ClusterApi management,
      String namespace,
      String name,
      Map<String, ?> labels,
      String kubeconfigBase64) {
    management.apply(
        Map.of(
            "apiVersion", "v1",
            "kind", "Secret",
            "type", "cluster.x-k8s.io/secret",
            "metadata", Map.of("name", name + "-kubeconfig", "namespace", namespace),
            "data", Map.of("value", kubeconfigBase64)));
    management.apply(
        Map.of(
            "apiVersion", CAPI_CLUSTER.apiVersion(),
            "kind", "Cluster",
            "metadata", Map.of("name", name, "namespace", namespace, "labels", labels),
            "spec",
                Map.of(
                    "controlPlaneEndpoint", Map.of("host", "127.0.0.1", "port", 6443),
                    "infrastructureRef",
                        Map.of(
                            "apiGroup", "infrastructure.cluster.x-k8s.io",
                            "kind", "DockerCluster",
                            "name", name))));
  }

  private static String withExtrasBundle(String fleet) {
    return fleet.replace(
        "  # Parameters of the built-in policies",
        EXTRAS_BUNDLE + "  # Parameters of the built-in policies");
  }

  private static String uid(SandboxFleetHandle sandbox, String cluster, String name) {
    return sandbox.cluster(cluster).get(CONFIG_MAP, "payments", name).orElseThrow().uid();
  }

  private static java.util.List<ObjectResult> actions(
      SyncReport report, String cluster, ObjectResult.Action action) {
    return outcome(report, cluster).report().orElseThrow().results().stream()
        .filter(r -> r.action() == action)
        .toList();
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
      if (outcome instanceof ClusterOutcome.Rejected r) {
        r.objects().forEach(o -> text.append("  ").append(o).append('\n'));
      }
      if (outcome instanceof ClusterOutcome.Stalled st) {
        st.problems().forEach(o -> text.append("  ").append(o).append('\n'));
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
                    Map.of(FleetgateMetadata.PRUNE_ANNOTATION, "disabled"))));
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
