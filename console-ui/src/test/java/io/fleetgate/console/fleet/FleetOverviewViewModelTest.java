package io.fleetgate.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.console.ui.UiThread;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetOverviewViewModelTest {

  private static final UiThread DIRECT = new UiThread(Runnable::run, Runnable::run);

  private static final FleetSource.Picture FLEET =
      new FleetSource.Picture(
          Instant.parse("2026-11-24T08:00:00Z"),
          List.of(
              row("guangzhou-prod", "vsphere", "cn-guangzhou", true, "denied", 2, 0),
              row("beijing-prod", "alibaba", "cn-beijing", true, "synced", 0, 0),
              row("shanghai-prod", "alibaba", "cn-shanghai", true, "synced", 0, 1),
              row("hangzhou-prod", "alibaba", "cn-beijing", false, "failed", 0, 0)),
          List.of());

  @Test
  void groupsClustersByProviderAndRegionAndSummarisesThem() {
    FleetOverviewViewModel model = new FleetOverviewViewModel(() -> FLEET, DIRECT);

    model.refresh().join();

    assertThat(model.groups())
        .extracting(FleetOverviewViewModel.Group::title)
        .containsExactly(
            "alibaba · cn-beijing (2, 1 need attention)",
            "alibaba · cn-shanghai (1, 1 need attention)",
            "vsphere · cn-guangzhou (1, 1 need attention)");
    assertThat(model.visibleRows())
        .extracting(r -> r.cluster().name())
        .containsExactly("beijing-prod", "hangzhou-prod", "shanghai-prod", "guangzhou-prod");
    assertThat(model.summaryProperty().get())
        .startsWith("4 clusters · 3 reachable · 2 synced · 3 need attention");
  }

  @Test
  void filtersByTextAndByNeedingAttention() {
    FleetOverviewViewModel model = new FleetOverviewViewModel(() -> FLEET, DIRECT);
    model.refresh().join();

    model.filterProperty().set("ALIBABA");
    assertThat(model.visibleRows()).hasSize(3);

    model.filterProperty().set("");
    model.attentionOnlyProperty().set(true);
    assertThat(model.visibleRows())
        .extracting(r -> r.cluster().name())
        .containsExactly("hangzhou-prod", "shanghai-prod", "guangzhou-prod");

    model.filterProperty().set("denied");
    assertThat(model.visibleRows())
        .extracting(r -> r.cluster().name())
        .containsExactly("guangzhou-prod");
  }

  @Test
  void wordsHealthAndSyncForTheTable() {
    assertThat(FleetOverviewViewModel.health(FLEET.rows().get(3)))
        .isEqualTo("Unreachable: connection refused");
    assertThat(FleetOverviewViewModel.sync(FLEET.rows().get(0)))
        .isEqualTo("denied · 2 violation(s)");
    assertThat(FleetOverviewViewModel.sync(FLEET.rows().get(2))).isEqualTo("synced · 1 drifted");
    assertThat(FLEET.rows().get(1).revision()).isEqualTo("0123456789ab");
  }

  @Test
  void aFailedReadIsASentenceAndKeepsTheLastRows() {
    int[] calls = {0};
    FleetOverviewViewModel model =
        new FleetOverviewViewModel(
            () -> {
              if (calls[0]++ > 0) {
                throw new IllegalStateException("The platform refused the token.");
              }
              return FLEET;
            },
            DIRECT);
    model.refresh().join();

    model.refresh().join();

    assertThat(model.errorProperty().get())
        .isEqualTo("Cannot read the fleet: The platform refused the token.");
    assertThat(model.visibleRows()).hasSize(4);
    assertThat(model.loadingProperty().get()).isFalse();
  }

  private static FleetRow row(
      String name,
      String provider,
      String region,
      boolean reachable,
      String outcome,
      int violations,
      int drifted) {
    return new FleetRow(
        new ClusterSummary(
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
            Map.of("provider", provider, "region", region)),
        outcome,
        "0123456789abcdef0123456789abcdef01234567",
        violations,
        drifted,
        "");
  }
}
