package io.fleetgate.argocd.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.argocd.ArgoApplication;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.HealthStatus;
import io.fleetgate.argocd.OperationPhase;
import io.fleetgate.argocd.ResourceRef;
import io.fleetgate.argocd.SyncStatus;
import io.fleetgate.argocd.rest.gen.invoker.ApiClient;
import io.fleetgate.argocd.rest.gen.model.ApplicationManagedResourcesResponse;
import io.fleetgate.argocd.rest.gen.model.V1alpha1Application;
import io.fleetgate.argocd.rest.gen.model.V1alpha1ApplicationTree;
import io.fleetgate.argocd.rest.gen.model.V1alpha1Cluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping between Argo CD's documents, as the generated client reads them, and Fleetgate's. */
class ApplicationModelsTest {

  private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper();

  /**
   * An Application as Argo CD serves it (field names from its API document), times and int64s as
   * strings.
   */
  private static final String APPLICATION =
      """
      {"metadata":{"name":"payments-beijing-prod","namespace":"argocd","generation":"7",
        "creationTimestamp":"2026-12-01T10:00:00Z","labels":{"fleetgate.io/bundle":"payments"}},
       "spec":{"project":"fleetgate",
        "source":{"repoURL":"https://git.example.com/fleet.git","path":"bundles/payments",
                  "targetRevision":"0123456789abcdef0123456789abcdef01234567"},
        "destination":{"server":"https://10.0.0.1:6443","namespace":"payments"}},
       "status":{"sync":{"status":"Synced","revision":"0123456789abcdef0123456789abcdef01234567"},
        "health":{"status":"Progressing","lastTransitionTime":"2026-12-01T10:00:05Z"},
        "operationState":{"phase":"Running","message":"waiting for healthy state of apps/Deployment/pay\\n\\u001b[2J",
                          "startedAt":"2026-12-01T10:00:01Z","retryCount":"0"},
        "resources":[{"group":"apps","version":"v1","kind":"Deployment","namespace":"payments","name":"pay",
                      "status":"Synced","health":{"status":"Progressing"},"syncWave":"0"},
                     {"version":"v1","kind":"ConfigMap","namespace":"payments","name":"cfg",
                      "status":"SomethingNew","health":{"status":"Blooming"}},
                     {"version":"v1","kind":"Secret","namespace":"payments","name":"creds","status":"OutOfSync"}],
        "reconciledAt":"2026-12-01T10:00:06Z"}}
      """;

  @Test
  void readsAnApplicationAsArgoCdServesIt() throws Exception {
    V1alpha1Application model = JSON.readValue(APPLICATION, V1alpha1Application.class);

    ArgoApplication app = ApplicationModels.toApplication(model);

    assertThat(app)
        .isEqualTo(
            new ArgoApplication(
                "payments-beijing-prod",
                "fleetgate",
                "https://git.example.com/fleet.git",
                "bundles/payments",
                "0123456789abcdef0123456789abcdef01234567",
                "https://10.0.0.1:6443",
                "payments",
                Map.of("fleetgate.io/bundle", "payments")));
  }

  @Test
  void readsTheStateWithUnknownWordsAsUnknownAndMessagesPrintable() throws Exception {
    var state = ApplicationModels.toState(JSON.readValue(APPLICATION, V1alpha1Application.class));

    assertThat(state.sync()).isEqualTo(SyncStatus.SYNCED);
    assertThat(state.health()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(state.syncedRevision()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(state.operation()).isEqualTo(OperationPhase.RUNNING);
    assertThat(state.operationMessage())
        .isEqualTo("waiting for healthy state of apps/Deployment/pay  [2J")
        .doesNotContain("\n", "\u001b");
    assertThat(state.resources())
        .extracting(r -> r.ref().toString() + " " + r.sync() + " " + r.health())
        .containsExactly(
            "Deployment.apps payments/pay SYNCED PROGRESSING",
            "ConfigMap payments/cfg UNKNOWN UNKNOWN",
            "Secret payments/creds OUT_OF_SYNC UNKNOWN");
  }

  @Test
  void readsAnApplicationWithoutStatusAsUnknownWithNoOperation() throws Exception {
    var model =
        JSON.readValue(
            """
            {"metadata":{"name":"a"},"spec":{"project":"p","source":{"repoURL":"https://g/x.git"},
             "destination":{"server":"https://s"}}}
            """,
            V1alpha1Application.class);

    var state = ApplicationModels.toState(model);

    assertThat(state.sync()).isEqualTo(SyncStatus.UNKNOWN);
    assertThat(state.health()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(state.operation()).isEqualTo(OperationPhase.NONE);
    assertThat(state.resources()).isEmpty();
    assertThat(ApplicationModels.toApplication(model).targetRevision()).isEqualTo("HEAD");
  }

  @Test
  void writesWhatItReads() throws Exception {
    ArgoApplication app =
        ApplicationModels.toApplication(JSON.readValue(APPLICATION, V1alpha1Application.class));

    String written = JSON.writeValueAsString(ApplicationModels.toModel(app));

    assertThat(ApplicationModels.toApplication(JSON.readValue(written, V1alpha1Application.class)))
        .isEqualTo(app);
    assertThat(written).doesNotContain("status", "operation");
  }

  @Test
  void readsAnApplicationWhoseDestinationIsAClusterNameAsTheDriverWritesThem() throws Exception {
    var model =
        JSON.readValue(
            """
            {"metadata":{"name":"fleet-beijing-prod-baseline-27422d5c9c"},
             "spec":{"project":"default","source":{"repoURL":"https://g/r.git","path":"fleet/beijing-prod/baseline"},
             "destination":{"name":"fleet/beijing-prod"}}}
            """,
            V1alpha1Application.class);

    ArgoApplication app = ApplicationModels.toApplication(model);

    assertThat(app.destinationName()).isEqualTo("fleet/beijing-prod");
    assertThat(app.destinationServer()).isEmpty();
    String written = JSON.writeValueAsString(ApplicationModels.toModel(app));
    assertThat(written).contains("\"name\":\"fleet/beijing-prod\"").doesNotContain("\"server\"");
    assertThat(ApplicationModels.toApplication(JSON.readValue(written, V1alpha1Application.class)))
        .isEqualTo(app);
  }

  @Test
  void refusesAnApplicationWithNoDestination() throws Exception {
    var model =
        JSON.readValue(
            """
            {"metadata":{"name":"a"},"spec":{"project":"p","source":{"repoURL":"https://g/x.git"},
             "destination":{}}}
            """,
            V1alpha1Application.class);

    assertThatThrownBy(() -> ApplicationModels.toApplication(model))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("'a'")
        .hasMessageContaining("destination");
  }

  @Test
  void aDestinationWithBothNameAndServerIsReadByItsName() throws Exception {
    var model =
        JSON.readValue(
            """
            {"metadata":{"name":"a"},"spec":{"project":"p","source":{"repoURL":"https://g/x.git"},
             "destination":{"server":"https://s","name":"fleet/c"}}}
            """,
            V1alpha1Application.class);

    ArgoApplication app = ApplicationModels.toApplication(model);

    assertThat(app.destinationName()).isEqualTo("fleet/c");
    assertThat(app.destinationServer()).isEmpty();
  }

  @Test
  void takesTheOneSourceOfASourcesList() throws Exception {
    var model =
        JSON.readValue(
            """
            {"metadata":{"name":"a"},"spec":{"project":"p","sources":[{"repoURL":"https://g/x.git","path":"d"}],
             "destination":{"server":"https://s","namespace":"n"}}}
            """,
            V1alpha1Application.class);

    assertThat(ApplicationModels.toApplication(model).path()).isEqualTo("d");
  }

  @Test
  void refusesAnApplicationWithManySourcesNamingIt() throws Exception {
    var model =
        JSON.readValue(
            """
            {"metadata":{"name":"multi"},"spec":{"project":"p",
             "sources":[{"repoURL":"https://g/x.git"},{"repoURL":"https://g/y.git"}],
             "destination":{"server":"https://s"}}}
            """,
            V1alpha1Application.class);

    assertThatThrownBy(() -> ApplicationModels.toApplication(model))
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MALFORMED_ANSWER))
        .hasMessageContaining("'multi'")
        .hasMessageContaining("no single Git source");
  }

  @Test
  void refusesAnApplicationFromTheServerWithATraversingPath() throws Exception {
    var model =
        JSON.readValue(
            """
            {"metadata":{"name":"a"},"spec":{"project":"p","source":{"repoURL":"https://g/x.git","path":"../../etc"},
             "destination":{"server":"https://s"}}}
            """,
            V1alpha1Application.class);

    assertThatThrownBy(() -> ApplicationModels.toApplication(model))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("stay inside the repository");
  }

  @Test
  void readsTheResourceTreeWithParents() throws Exception {
    var tree =
        JSON.readValue(
            """
            {"nodes":[{"group":"apps","version":"v1","kind":"ReplicaSet","namespace":"payments","name":"pay-7d4",
                       "parentRefs":[{"group":"apps","kind":"Deployment","namespace":"payments","name":"pay"}],
                       "health":{"status":"Healthy"},"createdAt":"2026-12-01T10:00:02Z","resourceVersion":"12"},
                      {"version":"v1","kind":"Pod","namespace":"payments","name":"pay-7d4-x"}],
             "shardsCount":"1"}
            """,
            V1alpha1ApplicationTree.class);

    var nodes = ApplicationModels.toNodes(tree);

    assertThat(nodes).hasSize(2);
    assertThat(nodes.get(0).health()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(nodes.get(0).parents())
        .containsExactly(new ResourceRef("apps", "Deployment", "payments", "pay"));
    assertThat(nodes.get(1).health()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(ApplicationModels.toNodes(null)).isEmpty();
  }

  @Test
  void keepsOnlyWhetherAManagedResourceDiffersNeverItsStates() throws Exception {
    var answer =
        JSON.readValue(
            """
            {"items":[{"kind":"Secret","namespace":"payments","name":"creds","modified":true,
                       "liveState":"{\\"data\\":{\\"password\\":\\"c2VjcmV0\\"}}",
                       "targetState":"{\\"data\\":{\\"password\\":\\"bmV3\\"}}","diff":"password"},
                      {"kind":"ConfigMap","namespace":"payments","name":"cfg"}]}
            """,
            ApplicationManagedResourcesResponse.class);

    var managed = ApplicationModels.toManaged(answer);

    assertThat(managed)
        .extracting(m -> m.ref().name() + " " + m.modified())
        .containsExactly("creds true", "cfg false");
    assertThat(managed.toString()).doesNotContain("c2VjcmV0", "bmV3", "password");
  }

  @Test
  void neverReadsAClustersCredentials() throws Exception {
    var model =
        JSON.readValue(
            """
            {"name":"beijing-prod","server":"https://10.0.0.1:6443","labels":{"provider":"alibaba"},
             "config":{"bearerToken":"eyJhbGciOi.secret.token","tlsClientConfig":{"keyData":"a2V5"}},
             "connectionState":{"status":"Successful"},"shard":"0"}
            """,
            V1alpha1Cluster.class);

    var cluster = ClusterAndProjectModels.toCluster(model);

    assertThat(cluster.name()).isEqualTo("beijing-prod");
    assertThat(cluster.server()).isEqualTo("https://10.0.0.1:6443");
    assertThat(cluster.labels()).containsEntry("provider", "alibaba");
    assertThat(cluster.toString()).doesNotContain("eyJhbGciOi", "a2V5");
  }
}
