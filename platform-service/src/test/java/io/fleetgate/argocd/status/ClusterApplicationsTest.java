package io.fleetgate.argocd.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.argocd.ApplicationState;
import io.fleetgate.argocd.ArgoApplication;
import io.fleetgate.argocd.HealthStatus;
import io.fleetgate.argocd.OperationPhase;
import io.fleetgate.argocd.ResourceRef;
import io.fleetgate.argocd.ResourceState;
import io.fleetgate.argocd.SyncStatus;
import io.fleetgate.argocd.deploy.BundleApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterApplicationsTest {

  private static final String RENDERED = "c0ffee0000000000000000000000000000000001";

  private static ArgoApplication app(String bundle) {
    return new ArgoApplication(
        "beijing-prod-" + bundle,
        "default",
        "https://git.example/rendered.git",
        "fleet/beijing-prod/" + bundle,
        RENDERED,
        "https://10.0.0.1:6443",
        "",
        Map.of(BundleApplication.BUNDLE, bundle, BundleApplication.MANAGED_BY, "fleetgate"));
  }

  private static ResourceState resource(String name, SyncStatus sync, HealthStatus health) {
    return new ResourceState(new ResourceRef("apps", "Deployment", "payments", name), sync, health);
  }

  @Test
  void aHealthyApplicationListsNothingForAttentionAndCountsItsResources() {
    ArgoCdStatus.Application row =
        ClusterApplications.row(
            app("payments"),
            Optional.of(
                new ApplicationState(
                    SyncStatus.SYNCED,
                    HealthStatus.HEALTHY,
                    RENDERED,
                    OperationPhase.SUCCEEDED,
                    "successfully synced (all tasks run)",
                    List.of(
                        resource("api", SyncStatus.SYNCED, HealthStatus.HEALTHY),
                        resource("config", SyncStatus.SYNCED, HealthStatus.UNKNOWN)))));
    assertThat(row.bundle()).isEqualTo("payments");
    assertThat(row.sync()).isEqualTo(ArgoCdStatus.Sync.SYNCED);
    assertThat(row.health()).isEqualTo(ArgoCdStatus.Health.HEALTHY);
    assertThat(row.operation()).isEqualTo(ArgoCdStatus.Operation.SUCCEEDED);
    assertThat(row.resources()).isEqualTo(2);
    assertThat(row.attention()).as("a kind Argo CD assesses no health for is fine").isEmpty();
    assertThat(row.targetRevision()).isEqualTo(RENDERED);
  }

  @Test
  void resourcesOutOfSyncOrUnhealthyAreListedUpToTheLimitAndAllAreCounted() {
    List<ResourceState> resources = new ArrayList<>();
    resources.add(resource("drifted", SyncStatus.OUT_OF_SYNC, HealthStatus.HEALTHY));
    for (int i = 0; i < 80; i++) {
      resources.add(resource("crash-" + i, SyncStatus.SYNCED, HealthStatus.DEGRADED));
    }
    ArgoCdStatus.Application row =
        ClusterApplications.row(
            app("payments"),
            Optional.of(
                new ApplicationState(
                    SyncStatus.OUT_OF_SYNC,
                    HealthStatus.DEGRADED,
                    RENDERED,
                    OperationPhase.FAILED,
                    "one or more objects failed to apply",
                    resources)));
    assertThat(row.resources()).isEqualTo(81);
    assertThat(row.attention()).hasSize(ArgoCdStatus.Application.MAX_ATTENTION);
    assertThat(row.attention().getFirst())
        .isEqualTo(
            new ArgoCdStatus.Resource(
                "Deployment.apps payments/drifted",
                ArgoCdStatus.Sync.OUT_OF_SYNC,
                ArgoCdStatus.Health.HEALTHY));
    assertThat(row.operation()).isEqualTo(ArgoCdStatus.Operation.FAILED);
  }

  @Test
  void anApplicationGoneBetweenTheListAndTheReadIsShownMissing() {
    ArgoCdStatus.Application row = ClusterApplications.row(app("baseline"), Optional.empty());
    assertThat(row.health()).isEqualTo(ArgoCdStatus.Health.MISSING);
    assertThat(row.sync()).isEqualTo(ArgoCdStatus.Sync.UNKNOWN);
    assertThat(row.message()).contains("no longer has");
  }

  @Test
  void everyArgoCdWordHasItsApiWord() {
    for (SyncStatus s : SyncStatus.values()) {
      assertThat(ClusterApplications.sync(s).name()).isEqualTo(s.name());
    }
    for (HealthStatus h : HealthStatus.values()) {
      assertThat(ClusterApplications.health(h).name()).isEqualTo(h.name());
    }
    for (OperationPhase p : OperationPhase.values()) {
      assertThat(ArgoCdStatus.Operation.valueOf(p.name())).isNotNull();
    }
  }
}
