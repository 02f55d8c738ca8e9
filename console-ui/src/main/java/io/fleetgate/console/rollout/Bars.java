package io.fleetgate.console.rollout;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The tab's small bars, drawn on canvas: a cluster's nodes up to date, and an SLO's burn rate
 * against its gate's threshold. A figure that is not known is hatched grey and says "unknown", so
 * it never reads as empty or full.
 */
final class Bars {

  private Bars() {}

  /** Nodes up to date of all nodes, in the cluster's tone, with {@code 2/3} written on it. */
  static Canvas nodes(BoardRows.Progress progress, Tone tone, RolloutColors.Sheet sheet) {
    Canvas canvas = new Canvas(170, 14);
    GraphicsContext g = track(canvas, sheet);
    switch (progress) {
      case BoardRows.Progress.Unread u -> unknown(canvas, sheet);
      case BoardRows.Progress.Counted n -> {
        g.setFill(RolloutColors.of(tone));
        g.fillRoundRect(0, 0, canvas.getWidth() * n.share(), canvas.getHeight(), 4, 4);
        label(canvas, n.upToDate() + "/" + n.nodes(), n.share() > 0.5 ? Color.WHITE : sheet.text());
      }
    }
    return canvas;
  }

  /**
   * A burn rate against its threshold: the threshold is the mark at two thirds, the bar fills to
   * the rate (at three halves of the threshold it is full), green below the mark, red past it.
   */
  static Canvas burn(Double rate, double threshold, RolloutColors.Sheet sheet) {
    Canvas canvas = new Canvas(150, 14);
    GraphicsContext g = track(canvas, sheet);
    if (rate == null || threshold <= 0) {
      unknown(canvas, sheet);
      return canvas;
    }
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    double mark = w * 2 / 3;
    double filled = Math.min(w, mark * rate / threshold);
    g.setFill(RolloutColors.of(rate > threshold ? Tone.BAD : Tone.GOOD));
    g.fillRoundRect(0, 0, filled, h, 4, 4);
    g.setStroke(sheet.text());
    g.setLineWidth(2);
    g.strokeLine(mark, -1, mark, h + 1);
    return canvas;
  }

  private static GraphicsContext track(Canvas canvas, RolloutColors.Sheet sheet) {
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(sheet.track());
    g.fillRoundRect(0, 0, canvas.getWidth(), canvas.getHeight(), 4, 4);
    return g;
  }

  private static void unknown(Canvas canvas, RolloutColors.Sheet sheet) {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double h = canvas.getHeight();
    g.setStroke(RolloutColors.of(Tone.UNKNOWN));
    g.setLineWidth(1.5);
    for (double x = -h; x < canvas.getWidth(); x += 7) {
      g.strokeLine(x, h, x + h, 0);
    }
    label(canvas, "unknown", sheet.text());
  }

  private static void label(Canvas canvas, String text, Color colour) {
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFont(Font.font(null, FontWeight.BOLD, canvas.getHeight() - 3));
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.CENTER);
    g.setFill(colour);
    g.fillText(text, canvas.getWidth() / 2, canvas.getHeight() / 2);
  }
}
