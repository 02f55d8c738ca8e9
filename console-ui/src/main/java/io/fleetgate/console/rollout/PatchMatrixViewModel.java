package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.console.rollout.RolloutSource.MatrixTarget;
import io.fleetgate.console.ui.UiThread;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the patch matrix page: the target nodes are judged against (a rollout, or versions typed
 * in), the filter (a cluster name part, behind only), the lines the table shows, the clusters that
 * could not be read, and the CSV export of what is shown. Platform calls and file writes run off
 * the UI thread.
 */
public final class PatchMatrixViewModel {

  private final RolloutSource source;
  private final UiThread threads;
  private final ObjectProperty<MatrixTarget> target =
      new SimpleObjectProperty<>(new MatrixTarget.Nothing());
  private final ObservableList<String> rollouts = FXCollections.observableArrayList();
  private final StringProperty clusterFilter = new SimpleStringProperty("");
  private final BooleanProperty behindOnly = new SimpleBooleanProperty(false);
  private final ObservableList<MatrixLines.Line> lines = FXCollections.observableArrayList();
  private final ObservableList<String> notRead = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper judged = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper exported = new ReadOnlyStringWrapper("");
  private final AtomicBoolean reading = new AtomicBoolean();
  private boolean chosen;
  private RolloutStatus.Matrix matrix;

  PatchMatrixViewModel(RolloutSource source, UiThread threads) {
    this.source = source;
    this.threads = threads;
    clusterFilter.addListener((o, a, b) -> filter());
    behindOnly.addListener((o, a, b) -> filter());
  }

  /** Judges against a target the person chose, and reads the matrix again. */
  public CompletableFuture<Void> choose(MatrixTarget chosenTarget) {
    chosen = true;
    target.set(chosenTarget);
    return refresh();
  }

  /**
   * The board's rollouts, as targets to choose from; until a person has chosen, the matrix judges
   * against the rollout selected on the board.
   */
  void offer(List<String> names, BoardRows.RolloutRow selected) {
    if (!rollouts.equals(names)) {
      rollouts.setAll(names);
    }
    if (!chosen && selected != null) {
      target.set(new MatrixTarget.OfRollout(selected.name()));
    }
  }

  /** Reads the matrix for the current target. */
  public CompletableFuture<Void> refresh() {
    MatrixTarget asked = target.get();
    reading.set(true);
    return CompletableFuture.supplyAsync(() -> source.matrix(asked), threads.background())
        .handleAsync(
            (read, failure) -> {
              reading.set(false);
              if (!asked.equals(target.get())) {
                return null;
              }
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set(
                    "Cannot read the patch matrix: "
                        + cause.getMessage()
                        + (matrix == null ? "" : " · showing what was read before"));
                return null;
              }
              error.set("");
              matrix = read;
              if (!notRead.equals(read.notRead())) {
                notRead.setAll(read.notRead());
              }
              judged.set(MatrixLines.judged(read));
              filter();
              return null;
            },
            threads.ui());
  }

  /** The timer: reads again unless a read is still under way. */
  void tick() {
    if (!reading.get()) {
      refresh();
    }
  }

  private void filter() {
    if (matrix == null) {
      return;
    }
    List<RolloutStatus.MatrixCluster> kept = shown();
    List<MatrixLines.Line> now = MatrixLines.lines(kept, judged.get());
    if (!lines.equals(now)) {
      // Only a change is shown: the table keeps its selection and scroll across the timer's reads.
      lines.setAll(now);
    }
    long unreachable = matrix.clusters().stream().filter(c -> !c.reachable()).count();
    long behind =
        matrix.clusters().stream().filter(c -> c.reachable() && c.upToDate() < c.nodes()).count();
    summary.set(
        matrix.clusters().size()
            + " clusters · "
            + (judged.get()
                ? behind + " behind " + matrix.target()
                : "no target: choose a rollout or versions to see who is behind")
            + (unreachable == 0 ? "" : " · " + unreachable + " unreachable")
            + (matrix.notRead().isEmpty() ? "" : " · " + matrix.notRead().size() + " not read")
            + " · read "
            + RolloutFormat.stamp(matrix.at()));
  }

  private List<RolloutStatus.MatrixCluster> shown() {
    return MatrixLines.kept(matrix, new MatrixLines.Filter(clusterFilter.get(), behindOnly.get()));
  }

  /**
   * Writes the lines shown (the filter applies) as CSV to a file, whole or not at all: into a
   * temporary file beside it, then moved over it, so a failed write never leaves half a file or
   * spoils the one that was there.
   */
  public CompletableFuture<Void> export(Path file) {
    if (matrix == null) {
      exported.set("Nothing to export yet: the matrix has not been read.");
      return CompletableFuture.completedFuture(null);
    }
    String csv = PatchCsv.write(shown(), matrix.notRead(), judged.get());
    int count = lines.size();
    return CompletableFuture.runAsync(() -> write(file, csv), threads.background())
        .handleAsync(
            (done, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                exported.set(cause.getMessage());
              } else {
                exported.set("Exported " + count + " lines to " + file);
              }
              return null;
            },
            threads.ui());
  }

  private static void write(Path file, String csv) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new IllegalStateException(
          "Cannot export to " + file + ": it is a directory. Choose a file name.");
    }
    Path temporary = null;
    try {
      temporary = Files.createTempFile(dir, ".fleetgate-patch-matrix-", ".csv.part");
      Files.writeString(temporary, csv, StandardCharsets.UTF_8);
      Files.move(
          temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot export to " + file + ": " + e + ". Choose a folder you can write to.", e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // nothing more can be done; the export's own error says what happened
        }
      }
    }
  }

  public ObjectProperty<MatrixTarget> targetProperty() {
    return target;
  }

  public ObservableList<String> rollouts() {
    return rollouts;
  }

  public StringProperty clusterFilterProperty() {
    return clusterFilter;
  }

  public BooleanProperty behindOnlyProperty() {
    return behindOnly;
  }

  public ObservableList<MatrixLines.Line> lines() {
    return lines;
  }

  public ObservableList<String> notRead() {
    return notRead;
  }

  /** Whether the matrix judges a target, so "behind" means something. */
  public ReadOnlyBooleanProperty judgedProperty() {
    return judged.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** What the last export did, or why it failed. */
  public ReadOnlyStringProperty exportedProperty() {
    return exported.getReadOnlyProperty();
  }
}
