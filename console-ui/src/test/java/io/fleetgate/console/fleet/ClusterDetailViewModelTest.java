package io.fleetgate.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.console.ui.UiThread;
import java.time.Instant;
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

  private static final ArgoCdStatus.Application PAYMENTS =
      new ArgoCdStatus.Application(
          "fleet-aws-payments-1a2b3c",
          "payments",
          ArgoCdStatus.Sync.OUT_OF_SYNC,
          ArgoCdStatus.Health.DEGRADED,
          ArgoCdStatus.Operation.FAILED,
          "9f8e7d6c5b4a39281706",
          "9f8e7d6c5b4a39281706",
          "one or more objects failed to apply",
          4,
          List.of(
              new ArgoCdStatus.Resource(
                  "Deployment payments/gateway",
                  ArgoCdStatus.Sync.OUT_OF_SYNC,
                  ArgoCdStatus.Health.DEGRADED)));

  private static final ArgoCdStatus.Application BASELINE =
      new ArgoCdStatus.Application(
          "fleet-aws-baseline-4d5e6f",
          "baseline",
          ArgoCdStatus.Sync.SYNCED,
          ArgoCdStatus.Health.HEALTHY,
          ArgoCdStatus.Operation.SUCCEEDED,
          "9f8e7d6c5b4a39281706",
          "9f8e7d6c5b4a39281706",
          "successfully synced (all tasks run)",
          7,
          List.of());

  /** A cluster source whose Argo CD answers the given report. */
  private static ClusterSource withArgoCd(
      java.util.function.Function<String, ArgoCdStatus.Report> argo) {
    return new ClusterSource() {
      @Override
      public Detail detail(String cluster) {
        return new Detail(cluster, "", List.of(SAME), List.of());
      }

      @Override
      public ArgoCdStatus.Report argoCd(String cluster) {
        return argo.apply(cluster);
      }
    };
  }

  @Test
  void showsArgoCdsApplicationsForTheClusterOnlyWhenThePlatformSyncsThroughIt() {
    ClusterDetailViewModel model =
        new ClusterDetailViewModel(
            withArgoCd(
                cluster ->
                    cluster.equals("aws")
                        ? ArgoCdStatus.Report.read(
                            cluster,
                            "https://argocd.example",
                            Instant.EPOCH,
                            List.of(BASELINE, PAYMENTS))
                        : ArgoCdStatus.Report.notDriven(cluster)),
            DIRECT);

    model.load("aws").join();
    assertThat(model.argoCdShownProperty().get()).isTrue();
    assertThat(model.applications()).containsExactly(BASELINE, PAYMENTS);
    assertThat(model.argoCdSummaryProperty().get())
        .isEqualTo(
            "Argo CD at https://argocd.example · 2 Applications · 1 Synced · 1 Healthy"
                + " · fleet-aws-payments-1a2b3c (OutOfSync, Degraded)");
    assertThat(model.titleProperty().get()).startsWith("aws · 1 object(s)");

    model.load("gz").join();
    assertThat(model.argoCdShownProperty().get()).isFalse();
    assertThat(model.applications()).isEmpty();
    assertThat(model.argoCdSummaryProperty().get()).isEmpty();
  }

  @Test
  void anArgoCdThatCannotBeReadIsSaidAndTheObjectsStillShow() {
    ClusterDetailViewModel model =
        new ClusterDetailViewModel(
            withArgoCd(
                cluster ->
                    ArgoCdStatus.Report.unreadable(
                        cluster,
                        "https://argocd.example",
                        Instant.EPOCH,
                        "Argo CD did not answer in 30 s")),
            DIRECT);

    model.load("aws").join();

    assertThat(model.argoCdShownProperty().get()).isTrue();
    assertThat(model.applications()).isEmpty();
    assertThat(model.argoCdSummaryProperty().get())
        .isEqualTo(
            "Argo CD at https://argocd.example could not be read: Argo CD did not answer in 30 s");
    assertThat(model.argoCdEmptyProperty().get()).startsWith("Argo CD could not be read");
    assertThat(model.objects()).containsExactly(SAME);
  }

  @Test
  void aPlatformThatFailsToAnswerForArgoCdKeepsTheObjectsAndSaysWhy() {
    java.util.concurrent.atomic.AtomicBoolean fail =
        new java.util.concurrent.atomic.AtomicBoolean();
    ClusterDetailViewModel model =
        new ClusterDetailViewModel(
            withArgoCd(
                cluster -> {
                  if (fail.get()) {
                    throw new IllegalStateException(
                        "The platform at the given URL does not answer");
                  }
                  return ArgoCdStatus.Report.read(
                      cluster, "https://argocd.example", Instant.EPOCH, List.of(BASELINE));
                }),
            DIRECT);
    model.load("aws").join();
    fail.set(true);

    model.load("aws").join();

    assertThat(model.argoCdShownProperty().get())
        .as("still known to sync through Argo CD")
        .isTrue();
    assertThat(model.applications()).as("no stale rows under a failed read").isEmpty();
    assertThat(model.argoCdSummaryProperty().get())
        .isEqualTo(
            "Argo CD's view could not be read from the platform: The platform at the given URL does not answer");
    assertThat(model.objects()).containsExactly(SAME);
  }

  @Test
  void anArgoCdAnswerForTheClusterChosenBeforeIsDroppedWhenItComesLate() {
    java.util.Deque<Runnable> pending = new java.util.ArrayDeque<>();
    ClusterDetailViewModel model =
        new ClusterDetailViewModel(
            withArgoCd(
                cluster ->
                    ArgoCdStatus.Report.read(
                        cluster,
                        "https://argocd.example",
                        Instant.EPOCH,
                        cluster.equals("aws") ? List.of(BASELINE, PAYMENTS) : List.of(BASELINE))),
            new UiThread(pending::add, Runnable::run));

    var first = model.load("aws");
    var second = model.load("gz");
    // gz's answers come first, aws's after them.
    List<Runnable> tasks = new java.util.ArrayList<>(pending);
    pending.clear();
    tasks.reversed().forEach(Runnable::run);
    first.join();
    second.join();

    assertThat(model.applications()).as("gz's Applications, not aws's").containsExactly(BASELINE);
    assertThat(model.titleProperty().get()).startsWith("gz · ");
    assertThat(model.argoCdSummaryProperty().get()).contains("1 Application ·");
  }
}
