package io.fleetgate.console.rollout;

import javafx.scene.paint.Color;

/** The Rollouts tab's palette: one colour per tone, readable on both themes. */
final class RolloutColors {

  private RolloutColors() {}

  static Color of(Tone tone) {
    return switch (tone) {
      case GOOD -> Color.web("#1a9a4a");
      case ACTIVE -> Color.web("#3f7fd6");
      case WAITING -> Color.web("#e8900c");
      case BAD -> Color.web("#d63c3c");
      case NEUTRAL -> Color.web("#8b949e");
      case UNKNOWN -> Color.web("#8b949e");
    };
  }

  /** Text on a badge of the tone: dark on amber, white on the rest. */
  static Color onBadge(Tone tone) {
    return tone == Tone.WAITING ? Color.web("#1f2328") : Color.WHITE;
  }

  static String css(Color c) {
    return String.format(
        java.util.Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(c.getRed() * 255),
        Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }

  /** Track, text and muted text for bars drawn on canvas, per theme. */
  record Sheet(Color track, Color text, Color muted) {
    static Sheet of(boolean dark) {
      return dark
          ? new Sheet(Color.web("#30363d"), Color.web("#e6edf3"), Color.web("#8b949e"))
          : new Sheet(Color.web("#eaeef2"), Color.web("#1f2328"), Color.web("#656d76"));
    }
  }
}
