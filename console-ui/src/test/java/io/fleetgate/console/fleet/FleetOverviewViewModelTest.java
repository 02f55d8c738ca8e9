package io.fleetgate.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.FleetSnapshot;
import io.fleetgate.api.FleetView;
import io.fleetgate.console.ui.UiThread;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetOverviewViewModelTest {

  private static final UiThread DIRECT = new UiThread(Runnable::run, Runnable::run);

  private static final FleetSnapshot THREE_CLUSTERS =
      new FleetSnapshot(
          Instant.parse("2026-11-24T08:00:00Z"),
          List.of(
              summary("beijing-prod", "alibaba", "cn-beijing", true),
              summary("guangzhou-prod", "vsphere", "cn-guangzhou", true),
              summary("aws-cn-north-1-prod", "aws", "cn-north-1", false)),
          List.of());

  @Test
  void refreshShowsEveryClusterAndSummarisesReachability() {
    FleetOverviewViewModel model = new FleetOverviewViewModel(() -> THREE_CLUSTERS, DIRECT);

    model.refresh().join();

    assertThat(model.visibleRows())
        .extracting(ClusterSummary::name)
        .containsExactly("beijing-prod", "guangzhou-prod", "aws-cn-north-1-prod");
    assertThat(model.summaryProperty().get()).startsWith("3 clusters · 2 reachable");
    assertThat(model.errorProperty().get()).isEmpty();
    assertThat(model.loadingProperty().get()).isFalse();
  }

  @Test
  void unreachableClustersSayWhy() {
    FleetOverviewViewModel model = new FleetOverviewViewModel(() -> THREE_CLUSTERS, DIRECT);

    model.refresh().join();

    assertThat(FleetOverviewViewModel.health(model.visibleRows().get(2)))
        .isEqualTo("Unreachable: connection refused");
  }

  @Test
  void theFilterMatchesProviderRegionAndNameIgnoringCase() {
    FleetOverviewViewModel model = new FleetOverviewViewModel(() -> THREE_CLUSTERS, DIRECT);
    model.refresh().join();

    model.filterProperty().set("AWS");
    assertThat(model.visibleRows())
        .extracting(ClusterSummary::name)
        .containsExactly("aws-cn-north-1-prod");

    model.filterProperty().set("cn-guang");
    assertThat(model.visibleRows())
        .extracting(ClusterSummary::name)
        .containsExactly("guangzhou-prod");

    model.filterProperty().set("");
    assertThat(model.visibleRows()).hasSize(3);
  }

  @Test
  void aFailedReadBecomesASentenceAndKeepsTheWindowAlive() {
    FleetView broken =
        () -> {
          throw new IllegalStateException("No management cluster kubeconfig at /nowhere");
        };
    FleetOverviewViewModel model = new FleetOverviewViewModel(broken, DIRECT);

    model.refresh().join();

    assertThat(model.errorProperty().get())
        .isEqualTo("Cannot read the fleet: No management cluster kubeconfig at /nowhere");
    assertThat(model.summaryProperty().get()).isEqualTo("Fleet unavailable");
    assertThat(model.visibleRows()).isEmpty();
    assertThat(model.emptyMessageProperty().get()).contains("could not be read");
  }

  @Test
  void discoveryProblemsAreShownAlongsideTheClusters() {
    FleetSnapshot withProblem =
        new FleetSnapshot(
            Instant.now(),
            THREE_CLUSTERS.clusters(),
            List.of("Cluster fleet/x has no readable Secret"));
    FleetOverviewViewModel model = new FleetOverviewViewModel(() -> withProblem, DIRECT);

    model.refresh().join();

    assertThat(model.errorProperty().get()).contains("fleet/x");
    assertThat(model.visibleRows()).hasSize(3);
  }

  private static ClusterSummary summary(
      String name, String provider, String region, boolean reachable) {
    return new ClusterSummary(
        "fleet",
        name,
        provider,
        region,
        "prod",
        "payments",
        "Provisioned",
        reachable ? "v1.34.4" : "-",
        reachable,
        reachable ? "" : "connection refused",
        java.util.Map.of("provider", provider, "region", region));
  }
}
