package io.fleetgate.console;

import static io.fleetgate.console.FxTesting.awaitFx;
import static io.fleetgate.console.FxTesting.onFx;
import static io.fleetgate.console.FxTesting.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.app.ArgoCdDriver;
import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.argocd.rest.ArgoCredentials;
import io.fleetgate.cli.CliRun;
import io.fleetgate.console.activity.ActivityViewModel;
import io.fleetgate.console.fleet.ClusterDetailViewModel;
import io.fleetgate.console.fleet.FleetOverviewView;
import io.fleetgate.console.remote.RemotePlatform;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.source.jgit.RenderedBranch;
import io.fleetgate.testing.ArgoCdServer;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.GitHttpServer;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a platform that syncs through a real Argo CD, on a sandbox fleet of three
 * clusters: the Activity tab follows the example fleet's commit through Argo CD on every cluster
 * from the {@code argocd.synced} events, and the cluster detail shows Argo CD's sync status and
 * health of the cluster's Applications as Argo CD answers them; once Argo CD is gone, the detail
 * says so and still shows the objects.
 */
@SandboxFleetTest(dedicated = true, clusters = 3)
class ArgoCdConsoleIT {

  private static final String TOKEN = "rendered-push-token";
  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @Test
  void activityAndClusterDetailShowWhatArgoCdSyncedAndHowHealthyItIs(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    String head = git(repo.dir(), "rev-parse", "HEAD");
    Path repos = work.resolve("repos");
    Path rendered =
        GitHttpServer.bareRepository(repos, "rendered.git", RenderedBranch.DEFAULT_BRANCH);
    try (GitHttpServer git = GitHttpServer.serve(repos, TOKEN)) {
      ArgoCdServer argo =
          ArgoCdServer.start(
              Path.of("target/argocd/console-it"),
              sandbox.management(),
              sandbox.managementKubeconfig());
      try {
        String url = git.url("rendered.git");
        ArgoCdServer.declareRepository(sandbox.management(), url, TOKEN);
        CliRun register =
            CliRun.of(
                "argocd",
                "register",
                "--management-kubeconfig",
                sandbox.managementKubeconfig().toString());
        assertThat(register.code()).as(register.out() + register.err()).isZero();
        Path account = work.resolve("argocd-account");
        Files.writeString(account, "admin\n" + argo.adminPassword() + "\n");
        ArgoCdDriver driver =
            new ArgoCdDriver(
                argo.url(),
                new ArgoCredentials.AccountFile(account),
                url,
                null,
                TOKEN,
                Duration.ofMinutes(3));
        PlatformServer server =
            PlatformServer.start(
                new SyncSetup.Config(
                    repo.dir().toString(),
                    "main",
                    sandbox.managementKubeconfig(),
                    work.resolve("data"),
                    SyncSetup.Engine.WASM,
                    null),
                new ApiSettings("127.0.0.1", 0, new byte[0]),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Clock.systemUTC(),
                report -> {},
                driver);
        // Syncs start once the console follows the events: it shows what happens from then on.
        Thread loop = Thread.ofPlatform().unstarted(server::run);
        RemotePlatform platform =
            new RemotePlatform(
                java.net.URI.create("http://127.0.0.1:" + server.port()),
                server.inProcessAdminToken("console"),
                Clock.systemUTC());
        PlatformConnection connection =
            PlatformConnection.through(
                "Platform · sandbox fleet · Argo CD " + argo.url(),
                platform,
                () -> {
                  server.stop();
                  loop.join(60_000);
                  server.close();
                },
                java.util.Optional.empty());
        Stage stage = onFx(Stage::new);
        MainWindow.Models models = onFx(() -> ConsoleApp.show(stage, connection, background));
        AutoCloseable events = ConsoleApp.follow(connection, models);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.events().subscribers() == 0 && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        assertThat(server.events().subscribers()).as("the console follows the events").isPositive();
        loop.start();
        try {
          Scene scene = stage.getScene();
          MainWindow window = (MainWindow) scene.getRoot();
          onFx(
              () -> {
                stage.setWidth(1400);
                stage.setHeight(900);
                window.selectTab(1);
                return null;
              });

          // Activity: the commit's journey, bundle by bundle through Argo CD, then each cluster's
          // end of sync.
          ActivityViewModel activity = models.activity();
          try {
            awaitFx(
                () ->
                    activity.journeys().stream()
                        .anyMatch(
                            j ->
                                j.commit().equals(head)
                                    && j.clusters().size() == 3
                                    && j.argoCd().size() == 3),
                () -> CompletableFuture.completedFuture(null));
          } catch (AssertionError e) {
            screenshot(scene, "activity-argocd-failed.png");
            throw new AssertionError(
                "journeys: " + onFx(() -> List.copyOf(activity.journeys())), e);
          }
          ActivityViewModel.Journey journey =
              onFx(
                  () ->
                      activity.journeys().stream()
                          .filter(j -> j.commit().equals(head))
                          .findFirst()
                          .orElseThrow());
          assertThat(journey.clusters()).containsOnlyKeys(sandbox.workloadClusters());
          assertThat(journey.clusters().values()).containsOnly("synced");
          assertThat(journey.argoCd().get("aws-cn-north-1-prod"))
              .as("baseline and the cluster's own directory")
              .containsOnlyKeys("baseline", "cluster-overlay");
          assertThat(journey.argoCd().get("beijing-prod")).containsKeys("baseline", "payments");
          assertThat(journey.argoCd().values())
              .allSatisfy(
                  bundles ->
                      assertThat(bundles.values())
                          .allSatisfy(
                              d -> {
                                assertThat(d.operation()).isEqualTo("SUCCEEDED");
                                assertThat(d.sync()).isIn("SYNCED", "OUT_OF_SYNC");
                                assertThat(d.application()).startsWith("fleet-");
                              }));
          assertThat(journey.stage()).contains("synced by Argo CD on 3 of 3");
          screenshot(scene, "activity-argocd.png");

          // Cluster detail: Argo CD's view of beijing-prod, read from Argo CD now.
          onFx(
              () -> {
                window.selectTab(0);
                return null;
              });
          choose(scene, "beijing-prod");
          // A fleet of three needs little room: the detail below gets the most.
          onFx(
              () -> {
                ((javafx.scene.control.SplitPane) scene.lookup("#fleet-split"))
                    .setDividerPositions(0.3);
                return null;
              });
          ClusterDetailViewModel detail = models.cluster();
          try {
            awaitFx(
                () -> detail.applications().size() >= 2 && !detail.objects().isEmpty(),
                () -> CompletableFuture.completedFuture(null));
          } catch (AssertionError e) {
            screenshot(scene, "cluster-detail-argocd-failed.png");
            throw new AssertionError(
                "cluster detail: "
                    + onFx(() -> detail.titleProperty().get())
                    + " | Argo CD: "
                    + onFx(() -> detail.argoCdSummaryProperty().get()),
                e);
          }
          List<ArgoCdStatus.Application> apps = onFx(() -> List.copyOf(detail.applications()));
          assertThat(apps)
              .extracting(ArgoCdStatus.Application::bundle)
              .contains("baseline", "payments");
          assertThat(apps)
              .allSatisfy(
                  a -> {
                    assertThat(a.sync()).isEqualTo(ArgoCdStatus.Sync.SYNCED);
                    assertThat(a.operation()).isEqualTo(ArgoCdStatus.Operation.SUCCEEDED);
                    assertThat(a.targetRevision()).hasSize(40);
                    assertThat(a.resources()).isPositive();
                  });
          ArgoCdStatus.Application baseline =
              apps.stream().filter(a -> a.bundle().equals("baseline")).findFirst().orElseThrow();
          assertThat(baseline.health()).isEqualTo(ArgoCdStatus.Health.HEALTHY);
          String summary = onFx(() -> ((Label) scene.lookup("#cluster-argocd-summary")).getText());
          assertThat(summary)
              .startsWith("Argo CD at " + argo.url() + " · " + apps.size() + " Applications · ")
              .contains(apps.size() + " Synced");
          @SuppressWarnings("unchecked")
          TableView<ArgoCdStatus.Application> table =
              (TableView<ArgoCdStatus.Application>) FxTesting.lookup(scene, "#cluster-argocd");
          assertThat(onFx(() -> table.getItems().size())).isEqualTo(apps.size());
          screenshot(scene, "cluster-detail-argocd.png");

          // Argo CD goes away: the detail says it cannot be read, and the objects still show.
          argo.close();
          onFx(
              () -> {
                detail.load("beijing-prod");
                return null;
              });
          awaitFx(
              () ->
                  detail
                      .argoCdSummaryProperty()
                      .get()
                      .startsWith("Argo CD at " + argo.url() + " could not be read: "),
              () -> CompletableFuture.completedFuture(null));
          assertThat(onFx(() -> detail.applications().isEmpty())).isTrue();
          assertThat(onFx(() -> detail.objects().isEmpty())).isFalse();
          screenshot(scene, "cluster-detail-argocd-unreadable.png");
        } finally {
          events.close();
          onFx(
              () -> {
                stage.close();
                return null;
              });
          connection.resources().close();
        }
      } finally {
        argo.close();
      }
    }
  }

  /** Chooses the cluster in the fleet table, which loads its detail. */
  @SuppressWarnings("unchecked")
  private static void choose(Scene scene, String cluster) throws Exception {
    TreeTableView<FleetOverviewView.Node> table =
        (TreeTableView<FleetOverviewView.Node>) FxTesting.lookup(scene, "#fleet-table");
    awaitFx(
        () ->
            table.getRoot() != null
                && table.getRoot().getChildren().stream()
                    .flatMap(h -> h.getChildren().stream())
                    .anyMatch(i -> name(i).equals(cluster)),
        () -> CompletableFuture.completedFuture(null));
    onFx(
        () -> {
          for (TreeItem<FleetOverviewView.Node> heading : table.getRoot().getChildren()) {
            for (TreeItem<FleetOverviewView.Node> item : heading.getChildren()) {
              if (name(item).equals(cluster)) {
                table.getSelectionModel().select(item);
              }
            }
          }
          return null;
        });
  }

  private static String name(TreeItem<FleetOverviewView.Node> item) {
    return item.getValue() instanceof FleetOverviewView.Node.Cluster c
        ? c.row().cluster().name()
        : "";
  }

  private static String git(Path dir, String... args) throws Exception {
    var command = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
