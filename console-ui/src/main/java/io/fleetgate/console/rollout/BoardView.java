package io.fleetgate.console.rollout;

import atlantafx.base.theme.Styles;
import io.fleetgate.api.RolloutStatus;
import io.fleetgate.api.RolloutStatus.Command;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The board: every rollout on the left (phase, target, how long); on the right the selected one —
 * why it stands where it does, the commands that make sense for it and what the platform answered,
 * its waves × clusters, and its recent steps.
 */
final class BoardView extends StackPane {

  /** Asks a person before a roll back; true to go ahead. */
  @FunctionalInterface
  interface Confirm {
    boolean rollBack(String rollout, String target);
  }

  private final RolloutViewModel model;
  private final BooleanProperty dark;
  private final VBox waves = new VBox(10);
  private final ScrollPane scroll = new ScrollPane(waves);

  BoardView(RolloutViewModel model, BooleanProperty dark, Confirm confirm) {
    this.model = model;
    this.dark = dark;
    setId("rollout-board");

    ListView<BoardRows.RolloutRow> list = new ListView<>(model.rows());
    list.setId("rollout-list");
    list.getStyleClass().add(Styles.DENSE);
    list.setCellFactory(l -> new RolloutCell(l));
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                model.selectedProperty().set(b);
              }
            });
    model.selectedProperty().addListener((o, a, b) -> list.getSelectionModel().select(b));
    // New rows clear the list's selection; the model's stays, so show it again.
    model
        .rows()
        .addListener(
            (ListChangeListener<BoardRows.RolloutRow>)
                c -> list.getSelectionModel().select(model.selectedProperty().get()));
    list.setMinWidth(300);

    SplitPane split = new SplitPane(list, details(confirm));
    split.setDividerPositions(0.27);
    split.visibleProperty().bind(model.emptyProperty().isEmpty());

    Label empty = new Label();
    empty.setId("rollout-empty");
    empty.setWrapText(true);
    empty.setMaxWidth(640);
    empty.getStyleClass().add(Styles.TITLE_4);
    empty.textProperty().bind(model.emptyProperty());
    ListView<String> problems = new ListView<>(model.problems());
    problems.setId("rollout-problems");
    problems.setMaxHeight(160);
    problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.problems()));
    VBox emptyState = new VBox(12, empty, problems);
    emptyState.setAlignment(Pos.CENTER);
    emptyState.setPadding(new Insets(40));
    emptyState.visibleProperty().bind(model.emptyProperty().isNotEmpty());
    getChildren().addAll(split, emptyState);

    model.waves().addListener((ListChangeListener<BoardRows.WaveRow>) c -> redraw());
    dark.addListener((o, a, b) -> redraw());
  }

  private VBox details(Confirm confirm) {
    Label title = new Label();
    title.setId("rollout-title");
    title.getStyleClass().add(Styles.TITLE_3);
    HBox badge = new HBox();
    badge.setAlignment(Pos.CENTER_LEFT);
    Label target = new Label();
    target.setId("rollout-target");
    target.setMinWidth(0);
    HBox head = new HBox(10, title, badge, target);
    head.setAlignment(Pos.CENTER_LEFT);
    Label reason = new Label();
    reason.setId("rollout-reason");
    reason.setWrapText(true);
    reason.setMinHeight(Region.USE_PREF_SIZE);
    reason.getStyleClass().add(Styles.TEXT_BOLD);
    reason.managedProperty().bind(reason.textProperty().isNotEmpty());
    Label meta = new Label();
    meta.setId("rollout-meta");
    meta.getStyleClass().add(Styles.TEXT_MUTED);
    model
        .selectedProperty()
        .addListener(
            (o, a, row) -> {
              badge.getChildren().clear();
              if (row == null) {
                title.setText("");
                target.setText("");
                reason.setText("");
                meta.setText("");
                return;
              }
              RolloutStatus.RolloutView r = row.rollout();
              title.setText(r.name());
              badge.getChildren().add(Badge.of(row.phase(), row.tone()));
              target.setText(r.target() + " · " + row.took());
              reason.setText(r.reason());
              reason.setTextFill(RolloutColors.of(row.reasonTone()));
              meta.setText(
                  r.source()
                      + " · on failure: "
                      + r.onFailure()
                      + (r.since() == null
                          ? ""
                          : " · " + row.phase() + " since " + RolloutFormat.stamp(r.since())));
            });

    HBox buttons = new HBox(8);
    buttons.setAlignment(Pos.CENTER_LEFT);
    for (Command command : Command.values()) {
      Button button = new Button(RolloutViewModel.verb(command));
      button.setId("rollout-" + command.name().toLowerCase(java.util.Locale.ROOT));
      button.setMinWidth(Region.USE_PREF_SIZE);
      if (command == Command.ROLLBACK) {
        button.getStyleClass().add(Styles.DANGER);
      }
      button
          .disableProperty()
          .bind(
              javafx.beans.binding.Bindings.createBooleanBinding(
                  () ->
                      model.sendingProperty().get()
                          || !model.allowedProperty().get().contains(command),
                  model.sendingProperty(),
                  model.allowedProperty()));
      button.setOnAction(
          e -> {
            BoardRows.RolloutRow row = model.selectedProperty().get();
            if (row == null) {
              return;
            }
            if (command == Command.ROLLBACK && !confirm.rollBack(row.name(), row.target())) {
              return;
            }
            model.command(command);
          });
      buttons.getChildren().add(button);
    }
    Label answer = new Label();
    answer.setId("rollout-answer");
    answer.setWrapText(true);
    answer.setMinWidth(0);
    model
        .answerProperty()
        .addListener(
            (o, a, b) -> {
              answer.setText(b.text());
              answer.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.TEXT_MUTED);
              answer
                  .getStyleClass()
                  .add(
                      switch (b) {
                        case RolloutViewModel.Answer.Refused r -> Styles.DANGER;
                        case RolloutViewModel.Answer.Accepted r -> Styles.SUCCESS;
                        default -> Styles.TEXT_MUTED;
                      });
            });
    HBox.setHgrow(answer, Priority.ALWAYS);
    buttons.getChildren().add(answer);

    scroll.setId("rollout-waves");
    scroll.setFitToWidth(true);
    waves.setPadding(new Insets(2, 12, 2, 2));

    Label stepsTitle = new Label("Recent steps");
    stepsTitle.getStyleClass().add(Styles.TEXT_BOLD);
    ListView<BoardRows.StepRow> steps = new ListView<>(model.steps());
    steps.setId("rollout-steps");
    steps.getStyleClass().add(Styles.DENSE);
    steps.setMinHeight(60);
    steps.setCellFactory(l -> new StepCell());
    VBox.setVgrow(steps, Priority.ALWAYS);
    VBox stepsBox = new VBox(4, stepsTitle, steps);
    SplitPane board = new SplitPane(scroll, stepsBox);
    board.setOrientation(javafx.geometry.Orientation.VERTICAL);
    board.setDividerPositions(0.74);
    VBox.setVgrow(board, Priority.ALWAYS);

    VBox box = new VBox(8, head, reason, meta, buttons, board);
    box.setPadding(new Insets(0, 0, 0, 12));
    return box;
  }

  private void redraw() {
    RolloutColors.Sheet sheet = RolloutColors.Sheet.of(dark.get());
    List<WaveSection> sections =
        model.waves().stream().map(w -> new WaveSection(w, sheet)).toList();
    waves.getChildren().setAll(sections);
    int current =
        java.util.stream.IntStream.range(0, model.waves().size())
            .filter(i -> model.waves().get(i).current())
            .findFirst()
            .orElse(-1);
    if (current >= 0) {
      // Once laid out, scroll so that the wave under way is in sight.
      javafx.application.Platform.runLater(() -> reveal(sections.get(current)));
    }
  }

  private void reveal(WaveSection section) {
    if (section.getParent() != waves || scroll.getViewportBounds() == null) {
      return;
    }
    double content = waves.getHeight();
    double viewport = scroll.getViewportBounds().getHeight();
    if (content <= viewport) {
      return;
    }
    double top = section.getBoundsInParent().getMinY();
    double bottom = section.getBoundsInParent().getMaxY();
    double shownTop = scroll.getVvalue() * (content - viewport);
    if (top >= shownTop && bottom <= shownTop + viewport) {
      return;
    }
    double wanted = Math.min(top, Math.max(0, bottom - viewport));
    scroll.setVvalue(Math.min(1, wanted / (content - viewport)));
  }

  /** One rollout: its name and phase, its target, how long. */
  private static final class RolloutCell extends ListCell<BoardRows.RolloutRow> {
    private final ListView<BoardRows.RolloutRow> list;

    RolloutCell(ListView<BoardRows.RolloutRow> list) {
      this.list = list;
    }

    @Override
    protected void updateItem(BoardRows.RolloutRow row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label name = new Label(row.name());
      name.getStyleClass().add(Styles.TEXT_BOLD);
      name.setMinWidth(0);
      Region gap = new Region();
      HBox.setHgrow(gap, Priority.ALWAYS);
      HBox head = new HBox(8, name, gap, Badge.of(row.phase(), row.tone()));
      head.setAlignment(Pos.CENTER_LEFT);
      Label target = new Label(row.target());
      target.setWrapText(true);
      target.setMinHeight(Region.USE_PREF_SIZE);
      Label took = new Label(row.took());
      took.getStyleClass().add(Styles.TEXT_MUTED);
      VBox box = new VBox(3, head, target, took);
      box.setPadding(new Insets(4, 0, 4, 0));
      box.prefWidthProperty().bind(list.widthProperty().subtract(40));
      box.maxWidthProperty().bind(list.widthProperty().subtract(40));
      setText(null);
      setGraphic(box);
    }
  }

  /** One step: time, kind, wave and cluster, message. */
  private static final class StepCell extends ListCell<BoardRows.StepRow> {
    @Override
    protected void updateItem(BoardRows.StepRow step, boolean empty) {
      super.updateItem(step, empty);
      if (empty || step == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label at = new Label(step.at());
      at.getStyleClass().add(Styles.TEXT_MUTED);
      at.setMinWidth(Region.USE_PREF_SIZE);
      Label kind = new Label(step.kind());
      kind.getStyleClass().add(Styles.TEXT_BOLD);
      kind.setMinWidth(70);
      Label where = new Label(step.where());
      where.getStyleClass().add(Styles.TEXT_MUTED);
      where.setMinWidth(Region.USE_PREF_SIZE);
      Label message = new Label(step.message());
      message.setMinWidth(0);
      HBox line = new HBox(10, at, kind, where, message);
      line.setAlignment(Pos.CENTER_LEFT);
      setText(null);
      setGraphic(line);
    }
  }
}
