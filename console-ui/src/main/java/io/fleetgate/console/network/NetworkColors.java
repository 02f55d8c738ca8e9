package io.fleetgate.console.network;

import javafx.scene.paint.Color;

/**
 * The Network view's palette: one colour per meaning, chosen to read on both themes (mid-tone hues
 * for lines, each with a text colour for labels drawn on it).
 */
final class NetworkColors {

  private NetworkColors() {}

  static final Color ALLOWED = Color.web("#4f7cc4");
  static final Color OPENED = Color.web("#1a9a4a");
  static final Color CLOSED = Color.web("#d63c3c");
  static final Color PATH = Color.web("#e8900c");
  static final Color PROTECTED = Color.web("#c2410c");

  static Color of(NetworkGraph.Change change) {
    return switch (change) {
      case UNCHANGED -> ALLOWED;
      case OPENED -> OPENED;
      case CLOSED -> CLOSED;
    };
  }

  /** Matrix background, grid and text for a theme. */
  record Sheet(Color background, Color grid, Color text, Color muted) {
    static Sheet of(boolean dark) {
      return dark
          ? new Sheet(
              Color.web("#0d1117"),
              Color.web("#30363d"),
              Color.web("#e6edf3"),
              Color.web("#8b949e"))
          : new Sheet(
              Color.WHITE, Color.web("#d0d7de"), Color.web("#1f2328"), Color.web("#656d76"));
    }
  }
}
