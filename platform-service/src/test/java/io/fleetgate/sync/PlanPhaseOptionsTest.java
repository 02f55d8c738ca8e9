package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.plan.BundleOptions;
import io.fleetgate.render.FleetSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanPhaseOptionsTest {

  private static FleetSpec.Bundle bundle(String name, boolean prune) {
    return new FleetSpec.Bundle(
        name,
        "bundles/" + name,
        LabelSelector.everything(),
        List.of(),
        prune,
        false,
        true,
        SourceLocation.file("fleet.yaml"));
  }

  private static FleetSpec fleet(FleetSpec.Bundle... bundles) {
    return new FleetSpec(List.of(bundles), false, List.of());
  }

  @Test
  void aRemovedBundleThatDidNotPruneStillDoesNot() {
    Map<String, BundleOptions> options =
        PlanPhase.options(fleet(bundle("apps", true)), Map.of("archive", false, "old", true));

    assertThat(options.get("archive").prune()).isFalse();
    assertThat(options).doesNotContainKey("old");
    assertThat(options.get("apps").prune()).isTrue();
  }

  @Test
  void whatFleetYamlDeclaresWinsOverWhatWasRecorded() {
    Map<String, BundleOptions> options =
        PlanPhase.options(fleet(bundle("archive", true)), Map.of("archive", false));

    assertThat(options.get("archive").prune()).isTrue();
  }

  @Test
  void recordsOnlyTheDeclaredSettingsThatChanged() {
    FleetSpec fleet = fleet(bundle("apps", true), bundle("archive", false), bundle("new", true));

    assertThat(
            PlanPhase.changedPruning(fleet, Map.of("apps", true, "archive", true, "gone", false)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("archive", false, "new", true));
    assertThat(PlanPhase.changedPruning(null, Map.of("apps", true))).isEmpty();
  }
}
