package io.fleetgate.console.rollout;

import javafx.scene.control.Label;

/** A phase or an answer as a small coloured pill. */
final class Badge {

  private Badge() {}

  static Label of(String text, Tone tone) {
    Label badge = new Label(text);
    badge.getStyleClass().add("fleetgate-badge");
    badge.setStyle(
        "-fx-background-color: "
            + RolloutColors.css(RolloutColors.of(tone))
            + "; -fx-background-radius: 9; -fx-padding: 1 8 1 8; -fx-font-weight: bold;"
            + " -fx-font-size: 0.9em;");
    badge.setTextFill(RolloutColors.onBadge(tone));
    badge.setMinWidth(Label.USE_PREF_SIZE);
    return badge;
  }
}
