package io.fleetgate.argocd.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fleetgate.argocd.register.ClusterLabels;
import io.fleetgate.argocd.register.ClusterSecret;
import io.fleetgate.argocd.register.ClusterSecrets;
import io.fleetgate.cli.CliRun;
import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code fleetgate argocd register} against a sandbox fleet of its own: its last test corrupts a
 * kubeconfig Secret and deletes a Cluster, which no test sharing a fleet may see. Each test uses an
 * Argo CD namespace of its own.
 */
@SandboxFleetTest(dedicated = true, clusters = 2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArgoClusterRegistrationIT {

  private static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");
  private static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");
  private static final String FLEET = "fleet";

  private static CliRun register(SandboxFleetHandle sandbox, String namespace, String... more) {
    String[] args =
        new String[] {
          "argocd",
          "register",
          "--management-kubeconfig",
          sandbox.managementKubeconfig().toString(),
          "--argocd-namespace",
          namespace
        };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.of(all);
  }

  private static String secretName(String cluster) {
    return "fleetgate-" + FLEET + "." + cluster;
  }

  private static String data(KubeObject secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.text("data", key).orElseThrow()), StandardCharsets.UTF_8);
  }

  /** A client built from nothing but the Secret's server and config, as Argo CD builds its own. */
  private static ClusterApi clientFrom(KubeObject secret) {
    JsonObject config = JsonParser.parseString(data(secret, "config")).getAsJsonObject();
    JsonObject tls = config.getAsJsonObject("tlsClientConfig");
    assertThat(tls.get("insecure").getAsBoolean()).isFalse();
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: argo
          cluster: {server: "%s", certificate-authority-data: "%s"}
        users:
        - name: argo
          user: {token: "%s"}
        contexts:
        - name: argo
          context: {cluster: argo, user: argo}
        current-context: argo
        """
            .formatted(
                data(secret, "server"),
                tls.get("caData").getAsString(),
                config.get("bearerToken").getAsString());
    return new KubeClients(KubeconfigPolicy.strict()).api(new Kubeconfig("test", kubeconfig));
  }

  @Test
  @Order(1)
  void registersEveryClusterWithItsLabelsAndAConfigThatReachesItAndASecondRunChangesNothing(
      SandboxFleetHandle sandbox) {
    ClusterApi management = sandbox.management();
    String argocd = sandbox.freshNamespace(management, "argocd-all");

    CliRun dryRun = register(sandbox, argocd, "--dry-run");
    assertThat(dryRun.code()).as(dryRun.out() + dryRun.err()).isZero();
    assertThat(dryRun.out()).contains("Dry run: nothing written.");
    assertThat(management.list(SECRET, argocd, ClusterLabels.SECRET_TYPE + "=cluster")).isEmpty();

    CliRun first = register(sandbox, argocd);
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    for (String cluster : sandbox.workloadClusters()) {
      assertThat(first.out()).contains("created   " + FLEET + "/" + cluster + ": Secret ");
      KubeObject secret = management.get(SECRET, argocd, secretName(cluster)).orElseThrow();
      KubeObject capi = management.get(CapiClusterDirectory.CLUSTER, FLEET, cluster).orElseThrow();
      Map<String, String> labels = labels(secret);
      assertThat(labels)
          .containsEntry(ClusterLabels.SECRET_TYPE, "cluster")
          .containsEntry(ClusterLabels.MANAGED_BY, "fleetgate")
          .containsEntry(ClusterLabels.CLUSTER_NAMESPACE, FLEET)
          .containsEntry(ClusterLabels.CLUSTER_NAME, cluster)
          .containsAllEntriesOf(labels(capi));
      assertThat(data(secret, "name")).isEqualTo(FLEET + "/" + cluster);
      assertThat(secret.annotation("kubectl.kubernetes.io/last-applied-configuration"))
          .as("no annotation keeps a copy of the credentials")
          .isEmpty();
      assertThat(clientFrom(secret).list(NAMESPACE).stream().map(KubeObject::name).toList())
          .contains("default", "kube-system");
      assertThat(first.out() + first.err()).doesNotContain(data(secret, "config"));
    }

    List<String> versions = resourceVersions(management, argocd);
    CliRun second = register(sandbox, argocd);
    assertThat(second.code()).as(second.out() + second.err()).isZero();
    assertThat(second.out().lines().toList())
        .allMatch(line -> line.startsWith("unchanged "))
        .hasSize(sandbox.workloadClusters().size());
    assertThat(resourceVersions(management, argocd)).isEqualTo(versions);
  }

  @Test
  @Order(2)
  void aHandMadeSecretForTheSameServerIsUntouchedAndReportedAsAConflict(SandboxFleetHandle sandbox)
      throws Exception {
    ClusterApi management = sandbox.management();
    String argocd = sandbox.freshNamespace(management, "argocd-hand");
    String first = sandbox.workloadClusters().getFirst();
    String server = sandbox.cluster(first).server();
    management.applyAs(
        "kubectl",
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Secret",
            "metadata",
            Map.of(
                "name",
                "my-cluster",
                "namespace",
                argocd,
                "labels",
                Map.of(ClusterLabels.SECRET_TYPE, "cluster")),
            "stringData",
            Map.of("name", "mine", "server", server, "config", "{\"bearerToken\":\"x\"}")));
    String before =
        management
            .get(SECRET, argocd, "my-cluster")
            .orElseThrow()
            .text("metadata", "resourceVersion")
            .orElseThrow();

    CliRun run = register(sandbox, argocd);

    assertThat(run.code()).as(run.out()).isEqualTo(1);
    assertThat(run.out())
        .contains("conflict  " + FLEET + "/" + first + ": ")
        .contains("is registered by Secret my-cluster");
    assertThat(management.get(SECRET, argocd, secretName(first))).isEmpty();
    KubeObject handMade = management.get(SECRET, argocd, "my-cluster").orElseThrow();
    assertThat(handMade.text("metadata", "resourceVersion")).hasValue(before);
    assertThat(data(handMade, "name")).isEqualTo("mine");
    for (String other : sandbox.workloadClusters().subList(1, sandbox.workloadClusters().size())) {
      assertThat(management.get(SECRET, argocd, secretName(other))).isPresent();
    }
  }

  @Test
  @Order(3)
  void aSecretChangedSinceItWasReadIsNotDeleted(SandboxFleetHandle sandbox) {
    ClusterApi management = sandbox.management();
    String argocd = sandbox.freshNamespace(management, "argocd-race");
    assertThat(register(sandbox, argocd).code()).isZero();
    KubeClusterSecrets secrets = new KubeClusterSecrets(management, argocd);
    ClusterSecret read = secrets.list().getFirst();
    // Someone edits it after Fleetgate read it.
    management.applyAs(
        "kubectl-edit",
        Map.of(
            "apiVersion", "v1",
            "kind", "Secret",
            "metadata",
                Map.of(
                    "name",
                    read.name(),
                    "namespace",
                    argocd,
                    "annotations",
                    Map.of("edited", "by hand"))));

    ClusterSecrets.Write write = secrets.delete(read);

    assertThat(write).isInstanceOf(ClusterSecrets.Write.Refused.class);
    assertThat(((ClusterSecrets.Write.Refused) write).reason())
        .contains("changed since it was read");
    assertThat(management.get(SECRET, argocd, read.name())).isPresent();
  }

  @Test
  @Order(4)
  void aMissingArgoCdNamespaceIsAClearError(SandboxFleetHandle sandbox) {
    CliRun run = register(sandbox, "no-argocd-here");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("has no namespace no-argocd-here")
        .contains("--argocd-namespace");
  }

  @Test
  @Order(5)
  void serveRecordsEachSecretWrittenOrDeletedInTheAuditLogAndNothingWhenNothingChanges(
      SandboxFleetHandle sandbox, @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
    ClusterApi management = sandbox.management();
    String argocd = sandbox.freshNamespace(management, "argocd-serve");
    KubeClusterSecrets secrets = new KubeClusterSecrets(management, argocd);
    // A registration Fleetgate made for a Cluster that no longer exists.
    assertThat(
            secrets.create(
                new io.fleetgate.argocd.register.DesiredSecret(
                    "fleetgate-fleet.ghost",
                    "fleet/ghost",
                    new io.fleetgate.argocd.register.Connection(
                        "https://ghost.example:6443",
                        new io.fleetgate.argocd.register.ArgoConfig("t", "", "", "", "")),
                    Map.of(
                        ClusterLabels.SECRET_TYPE, "cluster",
                        ClusterLabels.MANAGED_BY, "fleetgate",
                        ClusterLabels.CLUSTER_NAMESPACE, FLEET,
                        ClusterLabels.CLUSTER_NAME, "ghost"),
                    List.of())))
        .isInstanceOf(ClusterSecrets.Write.Done.class);
    try (var store =
        io.fleetgate.store.sqlite.SqliteStore.open(data, java.time.Clock.systemUTC())) {
      var registrations =
          io.fleetgate.app.ArgoRegistrations.on(
              management, new CapiClusterDirectory(management), store, argocd);

      assertThat(registrations.runOnce().complete()).isTrue();
      registrations.runOnce();

      var rows = store.entries(0, 1_000);
      assertThat(
              rows.stream()
                  .map(
                      e ->
                          e.event().kind() + " " + e.event().cluster() + " " + e.event().decision())
                  .toList())
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.Stream.concat(
                      sandbox.workloadClusters().stream()
                          .map(c -> "argocd.cluster-registered " + FLEET + "/" + c + " created"),
                      java.util.stream.Stream.of(
                          "argocd.cluster-deregistered " + FLEET + "/ghost deleted"))
                  .toList());
      assertThat(store.verify().intact()).isTrue();
    }
  }

  /** Last: it corrupts a kubeconfig Secret and deletes a Cluster of this class's fleet. */
  @Test
  @Order(6)
  void aCorruptedKubeconfigKeepsItsRegistrationAndAGoneClusterIsDeregistered(
      SandboxFleetHandle sandbox) {
    ClusterApi management = sandbox.management();
    String argocd = sandbox.freshNamespace(management, "argocd-gone");
    String kept = sandbox.workloadClusters().get(0);
    String gone = sandbox.workloadClusters().get(1);
    assertThat(register(sandbox, argocd).code()).isZero();
    String keptVersion = resourceVersion(management, argocd, secretName(kept));

    management.applyAs(
        "cluster-api",
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Secret",
            "metadata",
            Map.of("name", kept + "-kubeconfig", "namespace", FLEET),
            "data",
            Map.of(
                "value",
                Base64.getEncoder()
                    .encodeToString("clusters: [ {".getBytes(StandardCharsets.UTF_8)))));
    CliRun corrupted = register(sandbox, argocd);
    assertThat(corrupted.code()).isEqualTo(1);
    assertThat(corrupted.out())
        .contains(
            "kept      "
                + FLEET
                + "/"
                + kept
                + ": Secret "
                + secretName(kept)
                + " kept as it is: its kubeconfig is refused: The kubeconfig from Secret "
                + FLEET
                + "/"
                + kept
                + "-kubeconfig is not valid YAML");
    assertThat(resourceVersion(management, argocd, secretName(kept))).isEqualTo(keptVersion);

    management.delete(CapiClusterDirectory.CLUSTER, FLEET, gone);
    CliRun afterDelete = register(sandbox, argocd);
    assertThat(afterDelete.out())
        .contains("deleted   " + FLEET + "/" + gone + ": Secret " + secretName(gone));
    assertThat(management.get(SECRET, argocd, secretName(gone))).isEmpty();
    assertThat(resourceVersion(management, argocd, secretName(kept))).isEqualTo(keptVersion);
  }

  private static String resourceVersion(ClusterApi management, String namespace, String name) {
    return management
        .get(SECRET, namespace, name)
        .orElseThrow()
        .text("metadata", "resourceVersion")
        .orElseThrow();
  }

  private static List<String> resourceVersions(ClusterApi management, String namespace) {
    return management.list(SECRET, namespace, ClusterLabels.SECRET_TYPE + "=cluster").stream()
        .map(s -> s.name() + "@" + s.text("metadata", "resourceVersion").orElseThrow())
        .sorted()
        .toList();
  }

  private static Map<String, String> labels(KubeObject object) {
    Map<String, String> labels = new java.util.TreeMap<>();
    object
        .at("metadata", "labels")
        .ifPresent(
            json ->
                json.getAsJsonObject()
                    .entrySet()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().getAsString())));
    return labels;
  }
}
