package io.fleetgate.console.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.console.rollout.RolloutSource.MatrixTarget;
import io.fleetgate.console.ui.UiThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchMatrixViewModelTest {

  private final RolloutModels.Recorded source = new RolloutModels.Recorded();
  private final RolloutViewModel board =
      new RolloutViewModel(source, new UiThread(Runnable::run, Runnable::run));
  private final PatchMatrixViewModel model = board.patches();

  @TempDir Path dir;

  @Test
  void judgesAgainstTheRolloutSelectedOnTheBoardUntilAPersonChooses() {
    board.refresh().join();
    assertThat(model.targetProperty().get())
        .isEqualTo(new MatrixTarget.OfRollout("kernel-6.8.0-88"));
    assertThat(model.rollouts()).hasSize(4);

    model.choose(new MatrixTarget.Versions(" v1.34.4 ", "", "")).join();
    board.selectedProperty().set(board.rows().get(2));
    board.refresh().join();

    assertThat(model.targetProperty().get())
        .isEqualTo(new MatrixTarget.Versions("v1.34.4", "", ""));
    assertThat(source.asked).containsExactly(new MatrixTarget.Versions("v1.34.4", "", ""));
  }

  @Test
  void showsEachClusterAtEachLevelTheOneBehindAndTheUnreachableOneAsUnknown() {
    model.refresh().join();

    assertThat(model.lines())
        .extracting(
            MatrixLines.Line::cluster,
            MatrixLines.Line::kubernetesVersion,
            MatrixLines.Line::nodes,
            MatrixLines.Line::upToDate,
            MatrixLines.Line::behind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "fleet/aws-cn-north-1-prod", "v1.34.4", "3", "3", false),
            org.assertj.core.groups.Tuple.tuple("fleet/beijing-prod", "v1.34.3", "1", "0", true),
            org.assertj.core.groups.Tuple.tuple("fleet/beijing-prod", "v1.34.4", "2", "2", false),
            org.assertj.core.groups.Tuple.tuple(
                "fleet/guangzhou-prod", "unreachable", "unknown", "unknown", false),
            org.assertj.core.groups.Tuple.tuple(
                "fleet/shanghai-payments", "v1.34.4", "4", "4", false));
    assertThat(model.lines().get(3).detail()).contains("i/o timeout");
    assertThat(model.summaryProperty().get())
        .isEqualTo(
            "4 clusters · 1 behind Kubernetes v1.34.4, kernel 6.8.0-88-generic · 1 unreachable"
                + " · read 2026-12-02 01:40:00 UTC");
  }

  @Test
  void behindOnlyKeepsTheLevelsBehindAndEveryClusterThatCouldNotBeRead() {
    model.refresh().join();

    model.behindOnlyProperty().set(true);

    assertThat(model.lines())
        .extracting(MatrixLines.Line::cluster, MatrixLines.Line::kubernetesVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("fleet/beijing-prod", "v1.34.3"),
            org.assertj.core.groups.Tuple.tuple("fleet/guangzhou-prod", "unreachable"));
    model.clusterFilterProperty().set("BEIJING");
    assertThat(model.lines())
        .extracting(MatrixLines.Line::cluster)
        .containsExactly("fleet/beijing-prod");
  }

  @Test
  void withNoTargetNothingIsCalledBehindOrUpToDate() {
    source.matrix =
        new RolloutStatus.Matrix(
            RolloutModels.AT, "", RolloutModels.matrix().clusters(), List.of("fleet/x: forbidden"));
    model.refresh().join();
    model.behindOnlyProperty().set(true);

    assertThat(model.judgedProperty().get()).isFalse();
    assertThat(model.lines()).hasSize(5);
    assertThat(model.lines())
        .extracting(MatrixLines.Line::upToDate)
        .contains("—")
        .doesNotContain("0");
    assertThat(model.notRead()).containsExactly("fleet/x: forbidden");
    assertThat(model.summaryProperty().get()).contains("no target", "1 not read");
  }

  @Test
  void exportsWhatIsShownAsCsvReplacingTheFileWhole() throws Exception {
    model.refresh().join();
    model.behindOnlyProperty().set(true);
    Path file = dir.resolve("patches.csv");
    Files.writeString(file, "old contents");

    model.export(file).join();

    assertThat(Files.readString(file))
        .isEqualTo(
            String.join(",", PatchCsv.HEADER)
                + "\r\n"
                + "fleet/beijing-prod,listed,v1.34.3,6.8.0-85-generic,Ubuntu 24.04.3 LTS,1,0,1,1,2,3,\r\n"
                + "fleet/guangzhou-prod,unreachable,,,,,,,,,,"
                + "\"Get \"\"https://10.30.0.4:6443/api/v1/nodes?limit=250\"\": dial tcp"
                + " 10.30.0.4:6443: i/o timeout\"\r\n");
    assertThat(model.exportedProperty().get()).isEqualTo("Exported 2 lines to " + file);
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  @Test
  void anExportIntoAFolderThatIsGoneSaysWhereAndWhyAndWritesNothing() throws Exception {
    model.refresh().join();
    Path file = dir.resolve("removed").resolve("patches.csv");

    model.export(file).join();

    assertThat(model.exportedProperty().get())
        .startsWith("Cannot export to " + file + ": java.nio.file.NoSuchFileException")
        .endsWith("Choose a folder you can write to.");
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void anExportOntoAFolderIsRefused() throws Exception {
    model.refresh().join();
    Path folder = Files.createDirectory(dir.resolve("reports"));

    model.export(folder).join();

    assertThat(model.exportedProperty().get())
        .isEqualTo("Cannot export to " + folder + ": it is a directory. Choose a file name.");
    try (var left = Files.list(folder)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void anUnchangedMatrixReadAgainChangesNothingOnScreen() {
    model.refresh().join();
    List<String> changes = new java.util.ArrayList<>();
    model
        .lines()
        .addListener((javafx.collections.ListChangeListener<Object>) c -> changes.add("lines"));
    model
        .notRead()
        .addListener((javafx.collections.ListChangeListener<Object>) c -> changes.add("notRead"));

    model.refresh().join();

    assertThat(changes).isEmpty();
  }

  @Test
  void aFailedReadKeepsTheLinesItHadAndSaysSo() {
    model.refresh().join();
    source.failure = new IllegalStateException("The token's role is too low for this view.");

    model.refresh().join();

    assertThat(model.lines()).hasSize(5);
    assertThat(model.errorProperty().get())
        .isEqualTo(
            "Cannot read the patch matrix: The token's role is too low for this view."
                + " · showing what was read before");
  }
}
