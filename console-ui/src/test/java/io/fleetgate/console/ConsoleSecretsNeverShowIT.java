package io.fleetgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.activity.ActivityViewModel;
import io.fleetgate.console.fleet.ClusterSource;
import io.fleetgate.console.fleet.FleetOverviewView;
import io.fleetgate.console.policy.PolicySource;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's screens never show a secret: a fleet whose config holds one random canary in a
 * Secret's {@code data} and {@code stringData} and in container env values (one of them on an
 * object policy denies), with the live Secret and Deployment then edited to other canary values, is
 * shown through every screen that shows objects, diffs, findings, events and reports — and no text
 * of any scene holds the canary, raw or inside base64.
 */
@SandboxFleetTest
class ConsoleSecretsNeverShowIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  private static final String CANARY =
      "fgcanary" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
  private static final String AWS = "aws-cn-north-1-prod";
  private static final String NAMESPACE = "console-canary";
  private static final String IMAGE = "registry.fleetgate.io/g:1";

  /** Each screen looked at, by name, and its text. */
  private final Map<String, String> seen = new LinkedHashMap<>();

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @Test
  void noScreenShowsTheCanary(SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    repo.write(AWS + "/canary.yaml", manifests(CANARY + "-env"))
        .write("bundles/payments/debug.yaml", debugPod(CANARY + "-denied-env"));
    repo.commit("Canary objects");
    PlatformConnection connection =
        PlatformConnection.embedded(
            new PlatformConnection.Embedded(
                repo.dir(), sandbox.managementKubeconfig(), work.resolve("data"), 0));
    Stage stage = onFx(Stage::new);
    MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
    AutoCloseable events = ConsoleApp.follow(connection, models);
    try {
      Scene scene = stage.getScene();
      TabPane tabs = (TabPane) FxTesting.lookup(scene, "#tabs");
      @SuppressWarnings("unchecked")
      TreeTableView<FleetOverviewView.Node> fleet =
          (TreeTableView<FleetOverviewView.Node>) FxTesting.lookup(scene, "#fleet-table");
      awaitFx(
          () ->
              clusterItems(fleet).size() == 3
                  && clusterItems(fleet).stream()
                      .anyMatch(
                          i ->
                              i.row().cluster().name().equals(AWS) && !i.row().commit().isEmpty()));
      look("fleet overview", scene);

      // Drift: someone edits the live Secret and Deployment with other canary values.
      var aws = sandbox.cluster(AWS);
      aws.applyAs(
          "kubectl-edit",
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              "Secret",
              "metadata",
              Map.of("name", "payment-keys", "namespace", NAMESPACE),
              "data",
              Map.of("password", base64(CANARY + "-live-data"))));
      aws.applyAs("kubectl-edit", deploymentWithEnv(CANARY + "-live-env"));

      onFx(
          () -> {
            for (TreeItem<FleetOverviewView.Node> heading : fleet.getRoot().getChildren()) {
              for (TreeItem<FleetOverviewView.Node> item : heading.getChildren()) {
                if (((FleetOverviewView.Node.Cluster) item.getValue())
                    .row()
                    .cluster()
                    .name()
                    .equals(AWS)) {
                  fleet.getSelectionModel().select(item);
                }
              }
            }
            return null;
          });
      @SuppressWarnings("unchecked")
      TableView<ClusterSource.ObjectRow> objects =
          (TableView<ClusterSource.ObjectRow>) FxTesting.lookup(scene, "#cluster-objects");
      awaitFx(
          () ->
              objects.getItems().stream()
                  .anyMatch(o -> o.object().equals("Secret " + NAMESPACE + "/payment-keys")));
      List<ClusterSource.ObjectRow> rows = onFx(() -> new ArrayList<>(objects.getItems()));
      assertThat(rows)
          .as("the edited objects differ from Git, so their diffs went through the code under test")
          .filteredOn(
              o ->
                  o.object().equals("Secret " + NAMESPACE + "/payment-keys")
                      || o.object().equals("Deployment " + NAMESPACE + "/greeter"))
          .hasSize(2)
          .allSatisfy(
              o -> {
                assertThat(o.change()).isEqualTo("update");
                assertThat(o.diff()).isNotEmpty();
              });
      look("cluster detail", scene);
      for (ClusterSource.ObjectRow row : rows) {
        if (row.object().contains(NAMESPACE + "/")) {
          onFx(
              () -> {
                objects.getSelectionModel().select(row);
                return null;
              });
          look("cluster detail, " + row.object() + " selected", scene);
        }
      }

      onFx(
          () -> {
            tabs.getSelectionModel().select(1);
            return null;
          });
      @SuppressWarnings("unchecked")
      TableView<ActivityViewModel.Journey> activity =
          (TableView<ActivityViewModel.Journey>) FxTesting.lookup(scene, "#activity-table");
      awaitFx(() -> !activity.getItems().isEmpty());
      look("activity", scene);

      onFx(
          () -> {
            tabs.getSelectionModel().select(2);
            return null;
          });
      @SuppressWarnings("unchecked")
      TableView<PolicySource.FindingRow> findings =
          (TableView<PolicySource.FindingRow>) FxTesting.lookup(scene, "#policy-findings");
      awaitFx(
          () ->
              findings.getItems().stream()
                  .anyMatch(f -> f.source().equals("bundles/payments/debug.yaml:1")));
      look("policy", scene);

      onFx(
          () -> {
            tabs.getSelectionModel().select(3);
            return null;
          });
      // started on the UI thread, as a button press starts it
      onFx(() -> models.reports().preview()).get(60, TimeUnit.SECONDS);
      javafx.scene.web.WebView page =
          (javafx.scene.web.WebView) FxTesting.lookup(scene, "#reports-page");
      awaitFx(
          () ->
              page.getEngine().getDocument() != null
                  && page.getEngine().getDocument().getElementsByTagName("h1").getLength() > 0);
      assertThat(onFx(() -> models.reports().htmlProperty().get()))
          .contains("privileged_containers");
      look("reports", scene);
    } finally {
      events.close();
      onFx(
          () -> {
            stage.close();
            return null;
          });
      connection.resources().close();
    }

    assertThat(seen)
        .containsKeys(
            "fleet overview",
            "cluster detail",
            "cluster detail, Secret " + NAMESPACE + "/payment-keys selected",
            "cluster detail, Deployment " + NAMESPACE + "/greeter selected",
            "activity",
            "policy",
            "reports");
    for (String needle : needles()) {
      seen.forEach(
          (where, text) ->
              assertThat(text).as("%s shows the canary", where).doesNotContain(needle));
    }
  }

  private void look(String where, Scene scene) throws Exception {
    seen.put(where, String.join("\n", onFx(() -> SceneText.of(scene.getRoot()))));
  }

  /** The canary's first 14 characters, and the canary inside base64 at all three alignments. */
  private static List<String> needles() {
    List<String> needles = new ArrayList<>();
    needles.add(CANARY.substring(0, 14));
    for (int shift = 0; shift < 3; shift++) {
      String encoded = base64("x".repeat(shift) + CANARY);
      needles.add(encoded.substring(4, encoded.length() - 4));
    }
    return needles;
  }

  private static List<FleetOverviewView.Node.Cluster> clusterItems(
      TreeTableView<FleetOverviewView.Node> table) {
    List<FleetOverviewView.Node.Cluster> rows = new ArrayList<>();
    if (table.getRoot() == null) {
      return rows;
    }
    for (TreeItem<FleetOverviewView.Node> heading : table.getRoot().getChildren()) {
      for (TreeItem<FleetOverviewView.Node> item : heading.getChildren()) {
        rows.add((FleetOverviewView.Node.Cluster) item.getValue());
      }
    }
    return rows;
  }

  private static String debugPod(String envValue) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
          namespace: payments
        spec:
          containers:
            - name: shell
              image: busybox:latest
              env:
                - name: DB_PASSWORD
                  value: %s
              securityContext:
                privileged: true
        """
        .formatted(envValue);
  }

  private static String manifests(String envValue) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %1$s
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: %1$s
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: payment-keys
          namespace: %1$s
        type: Opaque
        data:
          password: %2$s
        stringData:
          token: %3$s
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: greeter
          namespace: %1$s
          labels:
            app.kubernetes.io/name: greeter
            app.kubernetes.io/part-of: payments
            fleetgate.io/owner: billing-team
        spec:
          replicas: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: greeter
          template:
            metadata:
              labels:
                app.kubernetes.io/name: greeter
            spec:
              automountServiceAccountToken: false
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: g
                  image: %5$s
                  env:
                    - name: A
                      value: %4$s
                  resources:
                    requests:
                      cpu: 50m
                      memory: 64Mi
                    limits:
                      memory: 128Mi
                  securityContext:
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    capabilities:
                      drop: [ALL]
        """
        .formatted(NAMESPACE, base64(CANARY + "-data"), CANARY + "-string", envValue, IMAGE);
  }

  private static Map<String, Object> deploymentWithEnv(String value) {
    return Map.of(
        "apiVersion",
        "apps/v1",
        "kind",
        "Deployment",
        "metadata",
        Map.of("name", "greeter", "namespace", NAMESPACE),
        "spec",
        Map.of(
            "selector",
            Map.of("matchLabels", Map.of("app.kubernetes.io/name", "greeter")),
            "template",
            Map.of(
                "metadata",
                Map.of("labels", Map.of("app.kubernetes.io/name", "greeter")),
                "spec",
                Map.of(
                    "containers",
                    List.of(
                        Map.of(
                            "name",
                            "g",
                            "image",
                            IMAGE,
                            "env",
                            List.of(Map.of("name", "A", "value", value))))))));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static <T> T onFx(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(action.get());
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
    return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void awaitFx(Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!onFx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + TIMEOUT);
      }
      Thread.sleep(100);
    }
  }
}
