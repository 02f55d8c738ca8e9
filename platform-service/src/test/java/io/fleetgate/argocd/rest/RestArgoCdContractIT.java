package io.fleetgate.argocd.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.argocd.ApplicationChange;
import io.fleetgate.argocd.ApplicationState;
import io.fleetgate.argocd.ArgoApplication;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.ArgoCluster;
import io.fleetgate.argocd.ArgoDestination;
import io.fleetgate.argocd.ArgoProject;
import io.fleetgate.argocd.ChangeType;
import io.fleetgate.argocd.LabelSelector;
import io.fleetgate.argocd.Prune;
import io.fleetgate.argocd.Removal;
import io.fleetgate.testing.ArgoCdServer;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.GitHttpServer;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of the generated client that Fleetgate uses, called through {@link RestArgoCd}
 * against a real Argo CD, with each answer read into Fleetgate's values: version, session (by an
 * account file), projects, clusters, applications (create, list by label, get, sync, state,
 * resource tree, managed resources, watch, delete).
 */
@SandboxFleetTest(dedicated = true, clusters = 1)
class RestArgoCdContractIT {

  private static final String GIT_TOKEN = "contract-token";

  @Test
  void everyOperationFleetgateUsesAnswersAndParses(SandboxFleetHandle sandbox, @TempDir Path work)
      throws Exception {
    String cluster = sandbox.workloadClusters().getFirst();
    String namespace = sandbox.freshNamespace(sandbox.cluster(cluster), "contract");
    FleetRepo repo = FleetRepo.seed(work.resolve("repos/fleet"));
    repo.write(
        "apps/contract/config.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: contract, namespace: %s}
        data: {a: b}
        """
            .formatted(namespace));
    String commit = repo.commit("A ConfigMap for the contract test");
    try (GitHttpServer git = GitHttpServer.serve(work.resolve("repos"), GIT_TOKEN);
        ArgoCdServer server =
            ArgoCdServer.start(
                Path.of("target/argocd/contract-it"),
                sandbox.management(),
                sandbox.managementKubeconfig())) {
      Path account = work.resolve("account");
      Files.writeString(account, "admin\n" + server.adminPassword() + "\n");
      RestArgoCd argo =
          RestArgoCd.connect(
              ArgoCdEndpoint.of(server.url()), new ArgoCredentials.AccountFile(account));

      assertThat(argo.version().version()).startsWith("v3.5.7");
      assertThat(argo.trackingMethod())
          .as("argocd-cm sets no tracking method: Argo CD v3's default")
          .isEqualTo(io.fleetgate.argocd.TrackingMethod.ANNOTATION);
      trackBy(sandbox, "label");
      awaitTracking(argo, io.fleetgate.argocd.TrackingMethod.LABEL);
      trackBy(sandbox, "annotation+label");
      awaitTracking(argo, io.fleetgate.argocd.TrackingMethod.ANNOTATION_AND_LABEL);
      trackBy(sandbox, "annotation");
      awaitTracking(argo, io.fleetgate.argocd.TrackingMethod.ANNOTATION);

      ArgoProject project =
          argo.upsert(
              new ArgoProject(
                  "fleetgate-contract",
                  "the contract test's project",
                  List.of("*"),
                  List.of(new ArgoDestination("*", "*"))));
      assertThat(project.name()).isEqualTo("fleetgate-contract");
      assertThat(argo.project("fleetgate-contract")).isPresent();
      assertThat(argo.project("no-such-project")).isEmpty();

      String apiServer =
          ArgoCdServer.declareCluster(
              sandbox.management(),
              sandbox.fleet().layout().clusterKubeconfig(cluster),
              "contract/" + cluster);
      ArgoCdServer.declareRepository(sandbox.management(), git.url("fleet"), GIT_TOKEN);
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (argo.cluster(apiServer).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(300);
      }
      assertThat(argo.clusters()).extracting(ArgoCluster::server).contains(apiServer);
      assertThat(argo.cluster(apiServer).map(ArgoCluster::name)).contains("contract/" + cluster);

      Map<String, String> labels = Map.of("fleetgate.io/test", "contract");
      ArgoApplication app =
          argo.upsert(
              new ArgoApplication(
                  "contract",
                  "fleetgate-contract",
                  git.url("fleet"),
                  "apps/contract",
                  commit,
                  apiServer,
                  namespace,
                  labels));
      assertThat(app.targetRevision()).isEqualTo(commit);
      assertThat(argo.application("contract")).isPresent();
      assertThat(argo.applications(LabelSelector.of(labels)))
          .extracting(ArgoApplication::name)
          .containsExactly("contract");

      List<ApplicationChange> changes = new CopyOnWriteArrayList<>();
      Thread watcher =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      RestArgoCd.connect(
                              ArgoCdEndpoint.of(server.url())
                                  .withCallTimeout(Duration.ofSeconds(8)),
                              new ArgoCredentials.AccountFile(account))
                          .watch(LabelSelector.of(labels), changes::add);
                    } catch (RuntimeException e) {
                      // the call deadline ends the stream
                    }
                  });

      argo.sync("contract", commit, Prune.KEEP);
      Optional<ApplicationState> state = Optional.empty();
      until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() < until) {
        state = argo.state("contract");
        if (state.isPresent() && state.get().settledAt(commit)) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(state).as("state after the sync").isPresent();
      assertThat(state.get().settledAt(commit)).as("%s", state.get()).isTrue();
      // No operation runs once the sync has settled: Argo CD refuses to terminate one, and its
      // error answer is read.
      assertThatThrownBy(() -> argo.terminate("contract"))
          .isInstanceOfSatisfying(
              ArgoCdException.class, e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.REJECTED))
          .hasMessageContaining("No operation is in progress");
      assertThat(argo.resourceTree("contract"))
          .anyMatch(n -> n.ref().kind().equals("ConfigMap") && n.ref().name().equals("contract"));
      assertThat(argo.managedResources("contract"))
          .anyMatch(m -> m.ref().kind().equals("ConfigMap") && !m.modified());

      watcher.join(Duration.ofSeconds(30));
      assertThat(changes).as("the watch stream's changes").isNotEmpty();
      assertThat(changes.getFirst().type()).isEqualTo(ChangeType.ADDED);
      assertThat(changes.getFirst().application().name()).isEqualTo("contract");

      // The driver's removal: found by its labels and its name, deleted without its objects. An
      // Application of another name under the same labels is left alone.
      argo.remove(
          new io.fleetgate.argocd.deploy.BundleApplication(
              "contract-other", labels, git.url("fleet"), "apps/contract", commit, "none"));
      assertThat(argo.applications(LabelSelector.of(labels)))
          .extracting(ArgoApplication::name)
          .containsExactly("contract");
      argo.remove(
          new io.fleetgate.argocd.deploy.BundleApplication(
              "contract", labels, git.url("fleet"), "apps/contract", commit, "none"));
      until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // Argo CD answers "permission denied" for an application that does not exist, so that names
      // cannot be probed: its absence shows in the list.
      while (!argo.applications(LabelSelector.of(labels)).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(300);
      }
      assertThat(argo.applications(LabelSelector.of(labels))).isEmpty();
      assertThat(
              sandbox
                  .cluster(cluster)
                  .get(
                      new io.fleetgate.kube.GroupVersionKind("", "v1", "ConfigMap"),
                      namespace,
                      "contract"))
          .as("no cascade: the Application's objects stay in the cluster")
          .isPresent();
      assertThat(argo.deleteCluster(apiServer)).isEqualTo(Removal.REMOVED);
    }
  }

  /** Sets argocd-cm's tracking method as an operator would, beside the test server's own keys. */
  private static void trackBy(SandboxFleetHandle sandbox, String method) {
    sandbox
        .management()
        .applyAs(
            "contract-operator",
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                Map.of("name", "argocd-cm", "namespace", ArgoCdServer.NAMESPACE),
                "data",
                Map.of("application.resourceTrackingMethod", method)));
  }

  /** argocd-server reads argocd-cm through a watch: the change reaches its answers in a moment. */
  private static void awaitTracking(RestArgoCd argo, io.fleetgate.argocd.TrackingMethod expected)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (argo.trackingMethod() != expected && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    assertThat(argo.trackingMethod()).isEqualTo(expected);
  }
}
