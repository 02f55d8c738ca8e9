package io.fleetgate.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.ui.UiThread;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterDetailViewModelTest {

  private static final UiThread DIRECT = new UiThread(Runnable::run, Runnable::run);

  private static final ClusterSource.ObjectRow EDITED =
      new ClusterSource.ObjectRow(
          "ConfigMap obs/retention",
          "cluster-overlay",
          "aws/observability.yaml:2",
          "update",
          "HEALTHY",
          "",
          List.of("data.retention: 7d → 30d"));

  private static final ClusterSource.ObjectRow SAME =
      new ClusterSource.ObjectRow(
          "Namespace obs",
          "baseline",
          "bundles/baseline/namespaces.yaml:2",
          "unchanged",
          "HEALTHY",
          "",
          List.of());

  @Test
  void summarisesTheClusterAndShowsTheChosenObjectsDiff() {
    ClusterDetailViewModel model =
        new ClusterDetailViewModel(
            cluster ->
                new ClusterSource.Detail(
                    cluster,
                    "",
                    List.of(EDITED, SAME),
                    List.of(new ClusterSource.EventRow("Pod a/b", "BackOff", "restarting", 3))),
            DIRECT);

    model.load("aws").join();
    model.selectedProperty().set(EDITED);

    assertThat(model.titleProperty().get())
        .isEqualTo("aws · 2 object(s), 1 would change · 1 event(s)");
    assertThat(model.diffProperty().get())
        .isEqualTo(
            "ConfigMap obs/retention (aws/observability.yaml:2) · update · HEALTHY\n  data.retention: 7d → 30d");
    model.selectedProperty().set(SAME);
    assertThat(model.diffProperty().get()).endsWith("The live object matches Git.");
  }

  @Test
  void anUnreachableClusterOrAFailedReadIsSaidInTheTitle() {
    ClusterDetailViewModel unreachable =
        new ClusterDetailViewModel(
            cluster ->
                new ClusterSource.Detail(
                    cluster, "unreachable: connection refused", List.of(), List.of()),
            DIRECT);
    unreachable.load("gz").join();
    assertThat(unreachable.titleProperty().get()).isEqualTo("gz · unreachable: connection refused");

    ClusterDetailViewModel failing =
        new ClusterDetailViewModel(
            cluster -> {
              throw new IllegalStateException("The token's role is too low for this view.");
            },
            DIRECT);
    failing.load("gz").join();
    assertThat(failing.titleProperty().get())
        .isEqualTo("gz · The token's role is too low for this view.");
  }
}
