package io.fleetgate.console.slo;

import javafx.scene.paint.Color;

/** The SLO view's palette: one colour per risk and per line, readable on both themes. */
final class SloColors {

  private SloColors() {}

  static final Color QUIET = Color.web("#1a9a4a");
  static final Color BURNING = Color.web("#e8900c");
  static final Color OVERSPENT = Color.web("#d63c3c");
  static final Color UNKNOWN = Color.web("#8b949e");

  /** Lines in the order the charts draw them. */
  static final Color[] LINES = {
    Color.web("#4f7cc4"), Color.web("#a371f7"), Color.web("#2aa198"), Color.web("#d16ba5")
  };

  static Color of(Risk risk) {
    return switch (risk) {
      case QUIET -> QUIET;
      case BURNING -> BURNING;
      case OVERSPENT -> OVERSPENT;
      case UNKNOWN -> UNKNOWN;
    };
  }

  /** Background, grid and text for a theme. */
  record Sheet(Color background, Color track, Color grid, Color text, Color muted) {
    static Sheet of(boolean dark) {
      return dark
          ? new Sheet(
              Color.web("#0d1117"),
              Color.web("#21262d"),
              Color.web("#30363d"),
              Color.web("#e6edf3"),
              Color.web("#8b949e"))
          : new Sheet(
              Color.WHITE,
              Color.web("#eaeef2"),
              Color.web("#d0d7de"),
              Color.web("#1f2328"),
              Color.web("#656d76"));
    }
  }
}
