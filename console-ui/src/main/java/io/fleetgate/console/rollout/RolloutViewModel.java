package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;
import io.fleetgate.console.ui.UiThread;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Rollouts tab: every rollout, the selected one's waves × clusters and recent steps,
 * the commands that make sense for it and what the platform answered to the last one; and the patch
 * matrix beside it. While the tab is shown ({@link #activeProperty()}), {@link #tick()} (the view's
 * timer) reloads what is on screen, one read at a time. Platform calls run off the UI thread.
 */
public final class RolloutViewModel {

  /** Which of the tab's two pages is shown. */
  public enum Page {
    BOARD,
    PATCHES
  }

  /** What the last command came to, for the line under the buttons. */
  public sealed interface Answer {
    String text();

    record None() implements Answer {
      @Override
      public String text() {
        return "";
      }
    }

    record Sent(String text) implements Answer {}

    record Accepted(String text) implements Answer {}

    record Refused(String text) implements Answer {}
  }

  private final RolloutSource source;
  private final UiThread threads;
  private final PatchMatrixViewModel patches;
  private final ObservableList<BoardRows.RolloutRow> rows = FXCollections.observableArrayList();
  private final ObservableList<BoardRows.WaveRow> waves = FXCollections.observableArrayList();
  private final ObservableList<BoardRows.StepRow> steps = FXCollections.observableArrayList();
  private final ObservableList<String> problems = FXCollections.observableArrayList();
  private final ObjectProperty<BoardRows.RolloutRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<Set<RolloutStatus.Command>> allowed =
      new ReadOnlyObjectWrapper<>(Set.of());
  private final ReadOnlyObjectWrapper<Answer> answer =
      new ReadOnlyObjectWrapper<>(new Answer.None());
  private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Reading the rollouts…");
  private final ReadOnlyStringWrapper empty = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.BOARD);
  private final BooleanProperty active = new SimpleBooleanProperty(false);
  private final AtomicBoolean reading = new AtomicBoolean();

  public RolloutViewModel(RolloutSource source, UiThread threads) {
    this.source = source;
    this.threads = threads;
    this.patches = new PatchMatrixViewModel(source, threads);
    selected.addListener((o, a, b) -> show(b));
    // Shown again: read at once rather than at the timer's next turn.
    active.addListener((o, was, now) -> tick());
    page.addListener((o, was, now) -> tick());
  }

  /** Reads the board; keeps the selection when that rollout is still there. */
  public CompletableFuture<Void> refresh() {
    reading.set(true);
    return CompletableFuture.supplyAsync(source::board, threads.background())
        .handleAsync(
            (board, failure) -> {
              reading.set(false);
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set(
                    "Cannot read the rollouts: "
                        + cause.getMessage()
                        + (rows.isEmpty() ? "" : " · showing what was read before"));
                if (rows.isEmpty()) {
                  summary.set("");
                }
                return null;
              }
              error.set("");
              show(board);
              return null;
            },
            threads.ui());
  }

  /**
   * The view's timer: while the tab is shown, reloads the page on screen, unless a read of it is
   * still under way (a slow platform is never asked twice at once).
   */
  public void tick() {
    if (!active.get()) {
      return;
    }
    if (page.get() == Page.PATCHES) {
      patches.tick();
    } else if (!reading.get()) {
      refresh();
    }
  }

  /** Shows a board read elsewhere; on the UI thread. */
  public void show(RolloutStatus.Board board) {
    problems.setAll(board.problems());
    String was = selected.get() == null ? null : selected.get().name();
    List<BoardRows.RolloutRow> read = board.rollouts().stream().map(BoardRows::rollout).toList();
    if (!rows.equals(read)) {
      // Only a change is shown: an unchanged board read again leaves the screen as it is.
      rows.setAll(read);
    }
    empty.set(read.isEmpty() ? emptyText(board) : "");
    long moving =
        read.stream()
            .filter(
                r ->
                    r.rollout().phase() == RolloutStatus.Phase.RUNNING
                        || r.rollout().phase() == RolloutStatus.Phase.ROLLING_BACK)
            .count();
    long stuck =
        read.stream()
            .filter(
                r ->
                    r.rollout().phase() == RolloutStatus.Phase.HALTED
                        || r.rollout().phase() == RolloutStatus.Phase.ROLLBACK_HALTED)
            .count();
    summary.set(
        read.size()
            + (read.size() == 1 ? " rollout" : " rollouts")
            + " · "
            + moving
            + " moving · "
            + stuck
            + " halted · revision "
            + RolloutFormat.revision(board.revision())
            + " · read "
            + RolloutFormat.stamp(board.at()));
    BoardRows.RolloutRow again =
        read.stream().filter(r -> r.name().equals(was)).findFirst().orElse(null);
    BoardRows.RolloutRow chosen = again != null ? again : read.isEmpty() ? null : read.getFirst();
    if (chosen == selected.get()) {
      show(chosen);
    } else {
      selected.set(chosen);
    }
    patches.offer(read.stream().map(BoardRows.RolloutRow::name).toList(), chosen);
  }

  private void show(BoardRows.RolloutRow row) {
    if (row == null) {
      waves.clear();
      steps.clear();
      allowed.set(Set.of());
      return;
    }
    List<BoardRows.WaveRow> nowWaves = BoardRows.waves(row.rollout());
    if (!waves.equals(nowWaves)) {
      waves.setAll(nowWaves);
    }
    List<BoardRows.StepRow> nowSteps =
        row.rollout().recent().stream().map(BoardRows::step).toList();
    if (!steps.equals(nowSteps)) {
      steps.setAll(nowSteps);
    }
    allowed.set(CommandsAllowed.of(row.rollout()));
  }

  /**
   * Gives the selected rollout a command; shows what the platform answered and the rollout as it
   * stands afterwards, or why it refused.
   */
  public CompletableFuture<Void> command(RolloutStatus.Command command) {
    BoardRows.RolloutRow row = selected.get();
    if (row == null || sending.get()) {
      return CompletableFuture.completedFuture(null);
    }
    String name = row.name();
    String verb = verb(command);
    sending.set(true);
    answer.set(new Answer.Sent(verb + " " + name + "…"));
    return CompletableFuture.supplyAsync(() -> source.command(name, command), threads.background())
        .handleAsync(
            (result, failure) -> {
              sending.set(false);
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                answer.set(
                    cause instanceof RolloutStatus.RefusedException
                        ? new Answer.Refused("Refused: " + cause.getMessage())
                        : new Answer.Refused(
                            "Could not "
                                + verb.toLowerCase(java.util.Locale.ROOT)
                                + " "
                                + name
                                + ": "
                                + cause.getMessage()));
                return null;
              }
              if (!result.accepted()) {
                answer.set(new Answer.Refused("Refused: " + result.message()));
              } else {
                answer.set(new Answer.Accepted(verb + " " + name + ": " + result.message()));
              }
              if (result.rollout() != null) {
                replace(result.rollout());
              }
              return null;
            },
            threads.ui())
        .thenCompose(done -> refresh());
  }

  private void replace(RolloutStatus.RolloutView rollout) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).name().equals(rollout.name())) {
        BoardRows.RolloutRow row = BoardRows.rollout(rollout);
        boolean wasSelected = selected.get() != null && selected.get().name().equals(row.name());
        rows.set(i, row);
        if (wasSelected) {
          selected.set(row);
        }
        return;
      }
    }
  }

  /** {@code Rolling back}: what a command does, as a button's progress line says it. */
  static String verb(RolloutStatus.Command command) {
    return switch (command) {
      case START -> "Start";
      case PAUSE -> "Pause";
      case RESUME -> "Resume";
      case APPROVE -> "Approve";
      case ROLLBACK -> "Roll back";
    };
  }

  static String emptyText(RolloutStatus.Board board) {
    if (!board.problems().isEmpty()) {
      return "No rollout could be read: the rollout specs have problems (listed below). Fix them"
          + " in the fleet repository's rollouts/ files and push.";
    }
    return "No rollouts. Declare one as a PatchRollout under the fleet repository's rollouts/"
        + " directory and push; it shows here once the platform has synced it.";
  }

  public PatchMatrixViewModel patches() {
    return patches;
  }

  public ObservableList<BoardRows.RolloutRow> rows() {
    return rows;
  }

  public ObservableList<BoardRows.WaveRow> waves() {
    return waves;
  }

  public ObservableList<BoardRows.StepRow> steps() {
    return steps;
  }

  public ObservableList<String> problems() {
    return problems;
  }

  public ObjectProperty<BoardRows.RolloutRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<Set<RolloutStatus.Command>> allowedProperty() {
    return allowed.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Answer> answerProperty() {
    return answer.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty sendingProperty() {
    return sending.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty emptyProperty() {
    return empty.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ObjectProperty<Page> pageProperty() {
    return page;
  }

  /** Whether the tab is on screen; the timer reloads only then. */
  public BooleanProperty activeProperty() {
    return active;
  }
}
