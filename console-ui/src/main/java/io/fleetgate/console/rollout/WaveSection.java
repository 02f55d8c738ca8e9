package io.fleetgate.console.rollout;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * One wave on the board: its name, phase, settings and time; the gate that holds it and why; each
 * gate with its answer (an SLO gate with each cluster's burn rate against the threshold, as a
 * figure and a bar); and its clusters as cards.
 */
final class WaveSection extends VBox {

  WaveSection(BoardRows.WaveRow wave, RolloutColors.Sheet sheet) {
    super(6);
    setId("wave-" + wave.name());
    getStyleClass().add("fleetgate-wave");
    setPadding(new Insets(10));
    String border = wave.current() ? RolloutColors.css(RolloutColors.of(wave.tone())) : "#8b949e55";
    setStyle(
        "-fx-border-color: "
            + border
            + "; -fx-border-width: "
            + (wave.current() ? 2 : 1)
            + "; -fx-border-radius: 6; -fx-background-radius: 6;");

    Label name = new Label(wave.name());
    name.getStyleClass().add(Styles.TITLE_4);
    name.setMinWidth(Region.USE_PREF_SIZE);
    Label settings = new Label(wave.settings());
    settings.getStyleClass().add(Styles.TEXT_MUTED);
    settings.setMinWidth(0);
    Label took = new Label(wave.took().isEmpty() ? "" : wave.took());
    took.getStyleClass().add(Styles.TEXT_MUTED);
    took.setMinWidth(Region.USE_PREF_SIZE);
    Region gap = new Region();
    HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
    HBox head = new HBox(10, name, Badge.of(wave.phase(), wave.tone()), settings, gap, took);
    head.setAlignment(Pos.CENTER_LEFT);
    getChildren().add(head);

    if (!wave.heldBy().isEmpty()) {
      Label held = new Label(wave.heldBy());
      held.setId("wave-" + wave.name() + "-held");
      held.setWrapText(true);
      held.setMinHeight(Region.USE_PREF_SIZE);
      held.getStyleClass().addAll(Styles.TEXT_BOLD);
      held.setTextFill(
          RolloutColors.of(
              wave.gates().stream().anyMatch(g -> g.tone() == Tone.BAD) ? Tone.BAD : Tone.WAITING));
      getChildren().add(held);
    }
    for (BoardRows.GateRow gate : wave.gates()) {
      getChildren().add(gate(gate, sheet));
    }
    FlowPane clusters = new FlowPane(8, 8);
    clusters.setId("wave-" + wave.name() + "-clusters");
    for (BoardRows.ClusterCell cell : wave.clusters()) {
      clusters.getChildren().add(card(cell, sheet));
    }
    getChildren().add(clusters);
  }

  private static VBox gate(BoardRows.GateRow gate, RolloutColors.Sheet sheet) {
    Circle dot = new Circle(5, RolloutColors.of(gate.tone()));
    Label kind = new Label(gate.kind());
    kind.getStyleClass().add(Styles.TEXT_BOLD);
    kind.setMinWidth(Region.USE_PREF_SIZE);
    Label answer = new Label(gate.answer());
    answer.setTextFill(RolloutColors.of(gate.tone()));
    answer.getStyleClass().add(Styles.TEXT_BOLD);
    answer.setMinWidth(Region.USE_PREF_SIZE);
    Label description =
        new Label(gate.description() + (gate.reason().isEmpty() ? "" : " — " + gate.reason()));
    description.setWrapText(true);
    description.setMinWidth(0);
    HBox line = new HBox(8, dot, kind, answer, description);
    line.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(4, line);
    if (!gate.burns().isEmpty()) {
      GridPane burns = new GridPane(12, 3);
      javafx.scene.layout.ColumnConstraints figures = new javafx.scene.layout.ColumnConstraints();
      figures.setHgrow(javafx.scene.layout.Priority.ALWAYS);
      figures.setFillWidth(true);
      burns
          .getColumnConstraints()
          .addAll(
              new javafx.scene.layout.ColumnConstraints(),
              new javafx.scene.layout.ColumnConstraints(),
              figures);
      burns.setPadding(new Insets(0, 0, 0, 22));
      int row = 0;
      for (BoardRows.BurnRow burn : gate.burns()) {
        Label cluster = new Label(burn.cluster());
        cluster.setMinWidth(Region.USE_PREF_SIZE);
        Label figure = new Label(burn.figure());
        figure.setWrapText(true);
        figure.setMinHeight(Region.USE_PREF_SIZE);
        if (burn.tone() == Tone.BAD) {
          figure.setTextFill(RolloutColors.of(Tone.BAD));
          figure.getStyleClass().add(Styles.TEXT_BOLD);
        }
        if (burn.tone() == Tone.UNKNOWN) {
          figure.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_ITALIC);
        }
        burns.addRow(row++, cluster, Bars.burn(burn.burnRate(), burn.maxBurnRate(), sheet), figure);
      }
      box.getChildren().add(burns);
    }
    return box;
  }

  private static VBox card(BoardRows.ClusterCell cell, RolloutColors.Sheet sheet) {
    Label name = new Label(cell.cluster());
    name.getStyleClass().add(Styles.TEXT_BOLD);
    name.setMinWidth(Region.USE_PREF_SIZE);
    Label phase = Badge.of(cell.phase(), cell.tone());
    Region gap = new Region();
    HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
    HBox head = new HBox(6, name, gap, phase);
    head.setAlignment(Pos.CENTER_LEFT);
    Label counts = new Label(cell.counts());
    if (cell.progress() instanceof BoardRows.Progress.Unread) {
      counts.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_ITALIC);
    }
    VBox card = new VBox(4, head, Bars.nodes(cell.progress(), cell.tone(), sheet), counts);
    card.setId("cluster-" + cell.cluster().replace('/', '-'));
    card.setPadding(new Insets(8));
    card.setPrefWidth(292);
    card.setMaxWidth(292);
    card.setStyle(
        "-fx-border-color: "
            + RolloutColors.css(RolloutColors.of(cell.tone()))
            + "; -fx-border-width: 0 0 0 4; -fx-background-color: -color-bg-subtle;"
            + " -fx-background-radius: 4;");
    if (!cell.levels().isEmpty()) {
      Label levels = new Label(cell.levels());
      levels.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
      levels.setWrapText(true);
      levels.setMinHeight(Region.USE_PREF_SIZE);
      card.getChildren().add(levels);
      Tooltip.install(card, new Tooltip("Nodes by kubelet · kernel · OS image:\n" + cell.levels()));
    }
    if (!cell.took().isEmpty()) {
      Label took = new Label(cell.took());
      took.getStyleClass().add(Styles.TEXT_SMALL);
      card.getChildren().add(took);
    }
    if (!cell.reason().isEmpty()) {
      Label reason = new Label(cell.reason());
      reason.setWrapText(true);
      reason.setMinHeight(Region.USE_PREF_SIZE);
      reason.getStyleClass().add(Styles.TEXT_SMALL);
      reason.setTextFill(RolloutColors.of(cell.tone() == Tone.UNKNOWN ? Tone.UNKNOWN : Tone.BAD));
      card.getChildren().add(reason);
    }
    return card;
  }
}
