package io.fleetgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.activity.ActivityViewModel;
import io.fleetgate.console.fleet.FleetOverviewView;
import io.fleetgate.console.fleet.FleetRow;
import io.fleetgate.console.policy.PolicySource;
import io.fleetgate.console.ui.Screenshots;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real main window under Xvfb, embedding the platform against the sandbox fleet and a fleet
 * repository with one violation and one waiver: each tab is checked through its scene graph and
 * saved as a PNG under target/screenshots.
 */
@SandboxFleetTest
class ConsoleScreensIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  private static final String DEBUG_POD =
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
      """;

  private static final String WAIVERS =
      """
      apiVersion: fleetgate.io/v1alpha1
      kind: WaiverList
      waivers:
        - policy: image_pinned
          object: Pod payments/debug
          owner: payments-team
          reason: The vendor publishes only :latest until their 4.0 release (PAY-123)
          expires: 2099-12-31
      """;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @Test
  void everyTabShowsTheSandboxFleetThroughTheEmbeddedPlatform(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    repo.write("bundles/payments/debug.yaml", DEBUG_POD).write("waivers.yaml", WAIVERS);
    String head = repo.commit("A debug pod for the payment gateway").substring(0, 12);
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

      // Fleet: grouped by provider and region, the payments clusters held back by policy.
      @SuppressWarnings("unchecked")
      TreeTableView<FleetOverviewView.Node> table =
          (TreeTableView<FleetOverviewView.Node>) FxTesting.lookup(scene, "#fleet-table");
      awaitFx(
          () ->
              clusterRows(table).size() == 3
                  && !models.fleet().visibleRows().getFirst().commit().isEmpty());
      assertThat(onFx(() -> headings(table)))
          .containsExactly(
              "alibaba · cn-beijing (1, 1 need attention)",
              "aws · cn-north-1 (1)",
              "vsphere · cn-guangzhou (1, 1 need attention)");
      List<FleetRow> rows = onFx(() -> clusterRows(table));
      assertThat(rows)
          .extracting(r -> r.cluster().name())
          .containsExactly("beijing-prod", "aws-cn-north-1-prod", "guangzhou-prod");
      assertThat(rows).extracting(FleetRow::revision).containsOnly(head);
      assertThat(rows.get(0).outcome()).isEqualTo("denied");
      assertThat(rows.get(0).violations()).isGreaterThanOrEqualTo(3);
      assertThat(rows.get(1).outcome()).isEqualTo("synced");
      assertThat(rows)
          .allSatisfy(r -> assertThat(r.cluster().kubernetesVersion()).startsWith("v1."));
      assertThat(onFx(() -> ((Label) scene.lookup("#fleet-summary")).getText()))
          .startsWith("3 clusters · 3 reachable · 1 synced · 2 need attention");
      Path fleetPng = screenshot(scene, "fleet-overview.png");

      // Cluster detail: someone edited a ConfigMap in the AWS cluster by hand; choosing the
      // cluster compares every object with Git, and the edited one shows its live diff.
      sandbox
          .cluster("aws-cn-north-1-prod")
          .applyAs(
              "kubectl-edit",
              java.util.Map.of(
                  "apiVersion",
                  "v1",
                  "kind",
                  "ConfigMap",
                  "metadata",
                  java.util.Map.of(
                      "name", "prometheus-retention", "namespace", "platform-observability"),
                  "data",
                  java.util.Map.of("retention", "7d")));
      onFx(
          () -> {
            for (TreeItem<FleetOverviewView.Node> heading : table.getRoot().getChildren()) {
              for (TreeItem<FleetOverviewView.Node> item : heading.getChildren()) {
                if (((FleetOverviewView.Node.Cluster) item.getValue())
                    .row()
                    .cluster()
                    .name()
                    .equals("aws-cn-north-1-prod")) {
                  table.getSelectionModel().select(item);
                }
              }
            }
            return null;
          });
      @SuppressWarnings("unchecked")
      TableView<io.fleetgate.console.fleet.ClusterSource.ObjectRow> objects =
          (TableView<io.fleetgate.console.fleet.ClusterSource.ObjectRow>)
              FxTesting.lookup(scene, "#cluster-objects");
      awaitFx(() -> !objects.getItems().isEmpty());
      var edited =
          onFx(
              () ->
                  objects.getItems().stream()
                      .filter(
                          o ->
                              o.object()
                                  .equals("ConfigMap platform-observability/prometheus-retention"))
                      .findFirst()
                      .orElseThrow());
      assertThat(edited.change()).isEqualTo("update");
      assertThat(edited.diff()).anySatisfy(line -> assertThat(line).contains("7d").contains("30d"));
      assertThat(
              onFx(
                  () ->
                      objects.getItems().stream()
                          .filter(o -> o.change().equals("unchanged"))
                          .count()))
          .isPositive();
      // (Health is observed for workloads and other kinds with a status; the AWS cluster has none.)
      onFx(
          () -> {
            objects.getSelectionModel().select(edited);
            return null;
          });
      assertThat(
              onFx(() -> ((javafx.scene.control.TextArea) scene.lookup("#cluster-diff")).getText()))
          .contains("ConfigMap platform-observability/prometheus-retention")
          .contains("update")
          .contains("7d");
      assertThat(onFx(() -> ((Label) scene.lookup("#cluster-detail-title")).getText()))
          .startsWith("aws-cn-north-1-prod · ")
          .contains("1 would change");
      screenshot(scene, "cluster-detail.png");

      // Keyboard: Ctrl+3 opens the Policy tab; Ctrl+D switches to the dark theme and back.
      onFx(
          () -> {
            scene
                .getAccelerators()
                .get(
                    new javafx.scene.input.KeyCodeCombination(
                        javafx.scene.input.KeyCode.DIGIT3,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN))
                .run();
            return null;
          });
      assertThat(onFx(() -> tabs.getSelectionModel().getSelectedItem().getId()))
          .isEqualTo("tab-policy");
      onFx(
          () -> {
            tabs.getSelectionModel().select(0);
            ((MainWindow) scene.getRoot()).darkThemeProperty().set(true);
            return null;
          });
      Thread.sleep(300);
      screenshot(scene, "fleet-overview-dark.png");
      onFx(
          () -> {
            ((MainWindow) scene.getRoot()).darkThemeProperty().set(false);
            return null;
          });
      BufferedImage image = ImageIO.read(fleetPng.toFile());
      assertThat(image.getWidth()).isEqualTo((int) scene.getWidth());

      // Activity: the commit's journey across the three clusters.
      onFx(
          () -> {
            tabs.getSelectionModel().select(1);
            return null;
          });
      @SuppressWarnings("unchecked")
      TableView<ActivityViewModel.Journey> activity =
          (TableView<ActivityViewModel.Journey>) FxTesting.lookup(scene, "#activity-table");
      awaitFx(
          () ->
              !activity.getItems().isEmpty()
                  && activity.getItems().getFirst().clusters().size() == 3);
      ActivityViewModel.Journey journey = onFx(() -> activity.getItems().getFirst());
      assertThat(journey.revision()).isEqualTo(head);
      assertThat(journey.stage())
          .isEqualTo(
              "validated → applied on 1 of 3 → healthy on 1 of 3 · denied on beijing-prod · denied"
                  + " on guangzhou-prod");
      screenshot(scene, "activity.png");

      // Policy: the findings with their controls and source, and the waiver.
      onFx(
          () -> {
            tabs.getSelectionModel().select(2);
            return null;
          });
      @SuppressWarnings("unchecked")
      TableView<PolicySource.FindingRow> findings =
          (TableView<PolicySource.FindingRow>) FxTesting.lookup(scene, "#policy-findings");
      @SuppressWarnings("unchecked")
      TableView<PolicySource.WaiverRow> waivers =
          (TableView<PolicySource.WaiverRow>) FxTesting.lookup(scene, "#policy-waivers");
      awaitFx(() -> !findings.getItems().isEmpty() && !waivers.getItems().isEmpty());
      List<PolicySource.FindingRow> found = onFx(() -> new ArrayList<>(findings.getItems()));
      assertThat(found)
          .anySatisfy(
              f -> {
                assertThat(f.policy()).isEqualTo("privileged_containers");
                assertThat(f.decision()).isEqualTo("denied");
                assertThat(f.controls()).contains("PCI-DSS-v4.0:2.2.6");
                assertThat(f.source()).isEqualTo("bundles/payments/debug.yaml:1");
              })
          .anySatisfy(f -> assertThat(f.decision()).isEqualTo("waived"));
      assertThat(found)
          .extracting(PolicySource.FindingRow::cluster)
          .doesNotContain("aws-cn-north-1-prod");
      assertThat(onFx(() -> waivers.getItems().getFirst().owner())).isEqualTo("payments-team");
      assertThat(onFx(() -> ((Label) scene.lookup("#policy-summary")).getText()))
          .contains("1 waiver(s)");
      screenshot(scene, "policy.png");

      // Reports: preview the HTML report inside the console, then export it as PDF.
      onFx(
          () -> {
            tabs.getSelectionModel().select(3);
            return null;
          });
      // started on the UI thread, as a button press starts it
      onFx(() -> models.reports().preview()).get(60, TimeUnit.SECONDS);
      assertThat(onFx(() -> models.reports().errorProperty().get())).isEmpty();
      assertThat(onFx(() -> models.reports().htmlProperty().get()))
          .contains("Policy audit report")
          .contains("privileged_containers");
      assertThat(onFx(() -> ((Label) scene.lookup("#reports-status")).getText()))
          .contains("finding(s) · audit chain intact");
      javafx.scene.web.WebView page =
          (javafx.scene.web.WebView) FxTesting.lookup(scene, "#reports-page");
      awaitFx(
          () ->
              page.getEngine().getDocument() != null
                  && page.getEngine().getDocument().getElementsByTagName("h1").getLength() > 0);
      Thread.sleep(500);
      screenshot(scene, "reports.png");
      Path pdf = work.resolve("report.pdf");
      // started on the UI thread, as a button press starts it
      onFx(() -> models.reports().export("pdf", pdf)).get(60, TimeUnit.SECONDS);
      assertThat(java.nio.file.Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
    } finally {
      events.close();
      onFx(
          () -> {
            stage.close();
            return null;
          });
      connection.resources().close();
    }
  }

  @Test
  void aMissingManagementClusterIsExplainedInTheWindow(@TempDir Path work) throws Exception {
    PlatformConnection connection =
        PlatformConnection.embedded(
            new PlatformConnection.Embedded(
                work, Path.of("target/no-such.kubeconfig"), work.resolve("data"), 0));
    Stage stage = onFx(Stage::new);
    MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
    models.fleet().refresh();
    Scene scene = stage.getScene();
    Label error = (Label) FxTesting.lookup(scene, "#fleet-error-text");

    awaitFx(error::isVisible);

    assertThat(onFx(error::getText))
        .contains("No management cluster kubeconfig")
        .contains("bin/fleetgate sandbox up");
    javafx.scene.control.TitledPane details =
        (javafx.scene.control.TitledPane) FxTesting.lookup(scene, "#fleet-error-details");
    assertThat(onFx(details::isVisible)).isTrue();
    onFx(
        () -> {
          details.setExpanded(true);
          return null;
        });
    assertThat(onFx(() -> ((javafx.scene.control.TextArea) details.getContent()).getText()))
        .startsWith("java.lang.IllegalStateException: No management cluster kubeconfig");
    screenshot(scene, "fleet-overview-no-management-cluster.png");
    onFx(
        () -> {
          stage.close();
          return null;
        });
  }

  private static List<String> headings(TreeTableView<FleetOverviewView.Node> table) {
    return table.getRoot().getChildren().stream()
        .map(TreeItem::getValue)
        .map(n -> ((FleetOverviewView.Node.Heading) n).group().title())
        .toList();
  }

  private static List<FleetRow> clusterRows(TreeTableView<FleetOverviewView.Node> table) {
    List<FleetRow> rows = new ArrayList<>();
    for (TreeItem<FleetOverviewView.Node> heading : table.getRoot().getChildren()) {
      for (TreeItem<FleetOverviewView.Node> item : heading.getChildren()) {
        rows.add(((FleetOverviewView.Node.Cluster) item.getValue()).row());
      }
    }
    return rows;
  }

  private static Path screenshot(Scene scene, String name) throws Exception {
    Path dir = Path.of(System.getProperty("fleetgate.screenshots", "target/screenshots"));
    return onFx(
        () -> {
          try {
            return Screenshots.save(scene, dir.resolve(name));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
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
