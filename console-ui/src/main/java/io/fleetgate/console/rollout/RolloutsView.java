package io.fleetgate.console.rollout;

import atlantafx.base.theme.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Rollouts tab; binds to a {@link RolloutViewModel}. Two pages, Board and Patches, under one
 * bar; while the tab is shown a timer reloads the page on screen every {@link #EVERY} (the view
 * model reads off the UI thread and never twice at once).
 */
public final class RolloutsView extends BorderPane {

  /** How often the page on screen is read again. */
  static final Duration EVERY = Duration.seconds(5);

  private final Timeline timer;
  private final javafx.beans.value.ObservableValue<Boolean> showing;

  public RolloutsView(RolloutViewModel model, BooleanProperty dark) {
    this(model, dark, RolloutsView::askToRollBack);
  }

  RolloutsView(RolloutViewModel model, BooleanProperty dark, BoardView.Confirm confirm) {
    setId("rollouts-view");
    setPadding(new Insets(12));

    ToggleGroup pages = new ToggleGroup();
    ToggleButton board = new ToggleButton("Board");
    board.setId("rollouts-page-board");
    ToggleButton patches = new ToggleButton("Patches");
    patches.setId("rollouts-page-patches");
    board.setToggleGroup(pages);
    patches.setToggleGroup(pages);
    board.getStyleClass().add(Styles.LEFT_PILL);
    patches.getStyleClass().add(Styles.RIGHT_PILL);
    pages.selectToggle(model.pageProperty().get() == RolloutViewModel.Page.BOARD ? board : patches);
    pages
        .selectedToggleProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                pages.selectToggle(a);
                return;
              }
              model
                  .pageProperty()
                  .set(b == board ? RolloutViewModel.Page.BOARD : RolloutViewModel.Page.PATCHES);
            });
    model
        .pageProperty()
        .addListener(
            (o, a, b) -> pages.selectToggle(b == RolloutViewModel.Page.BOARD ? board : patches));
    HBox toggle = new HBox(board, patches);

    Label summary = new Label();
    summary.setId("rollouts-summary");
    summary.setMinWidth(0);
    summary.textProperty().bind(model.summaryProperty());
    summary.visibleProperty().bind(model.pageProperty().isEqualTo(RolloutViewModel.Page.BOARD));
    Button refresh = new Button("Refresh");
    refresh.setId("rollouts-refresh");
    refresh.setOnAction(
        e -> {
          if (model.pageProperty().get() == RolloutViewModel.Page.BOARD) {
            model.refresh();
          } else {
            model.patches().refresh();
          }
        });
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(12, toggle, summary, gap, refresh);
    bar.setAlignment(Pos.CENTER_LEFT);
    Label error = new Label();
    error.setId("rollouts-error");
    error.getStyleClass().add(Styles.DANGER);
    error.setWrapText(true);
    error.textProperty().bind(model.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(model.pageProperty().isEqualTo(RolloutViewModel.Page.BOARD));
    setTop(new VBox(6, bar, error));

    BoardView boardPage = new BoardView(model, dark, confirm);
    MatrixView matrixPage = new MatrixView(model.patches());
    boardPage.visibleProperty().bind(model.pageProperty().isEqualTo(RolloutViewModel.Page.BOARD));
    matrixPage.visibleProperty().bind(boardPage.visibleProperty().not());
    StackPane centre = new StackPane(boardPage, matrixPage);
    setCenter(centre);
    BorderPane.setMargin(centre, new Insets(8, 0, 0, 0));

    timer = new Timeline(new KeyFrame(EVERY, e -> model.tick()));
    timer.setCycleCount(Timeline.INDEFINITE);
    // The timer runs while the view's window is showing: a closed window's view reads nothing.
    showing =
        sceneProperty()
            .flatMap(javafx.scene.Scene::windowProperty)
            .flatMap(javafx.stage.Window::showingProperty)
            .orElse(false);
    showing.addListener(
        (o, was, now) -> {
          if (now) {
            timer.play();
          } else {
            timer.stop();
          }
        });
  }

  /** Asks before a roll back: it puts every cluster the rollout reached back where it was. */
  static boolean askToRollBack(String rollout, String target) {
    Alert alert =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "Every cluster "
                + rollout
                + " has reached goes back to the versions it had before ("
                + target
                + " is undone), node by node. Once it starts, the rollout cannot be resumed"
                + " forward.",
            ButtonType.OK,
            ButtonType.CANCEL);
    alert.setTitle("Roll back " + rollout);
    alert.setHeaderText("Roll back " + rollout + "?");
    return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
  }
}
