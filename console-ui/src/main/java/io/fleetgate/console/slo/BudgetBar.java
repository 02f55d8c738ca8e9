package io.fleetgate.console.slo;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * An error budget as a bar: filled to the share left, in the risk's colour; overspent fills red
 * leftwards from a zero mark a quarter in, as far as the overspend goes (a whole budget overspent
 * reaches the left edge); unknown is hatched grey and says so, so it never reads as full or empty.
 */
final class BudgetBar extends Canvas {

  /** Where zero sits: the part left of it shows overspending. */
  static final double ZERO = 0.25;

  BudgetBar(double width, double height) {
    super(width, height);
  }

  void draw(Double remaining, Risk risk, SloColors.Sheet sheet) {
    GraphicsContext g = getGraphicsContext2D();
    double w = getWidth();
    double h = getHeight();
    g.clearRect(0, 0, w, h);
    g.setFill(sheet.track());
    g.fillRoundRect(0, 0, w, h, 4, 4);
    double zero = w * ZERO;
    g.setFont(Font.font(null, FontWeight.BOLD, Math.max(9, h - 5)));
    g.setTextBaseline(VPos.CENTER);
    if (remaining == null) {
      g.setStroke(SloColors.UNKNOWN);
      g.setLineWidth(1.5);
      for (double x = -h; x < w; x += 7) {
        g.strokeLine(x, h, x + h, 0);
      }
      g.setFill(sheet.text());
      g.setTextAlign(TextAlignment.CENTER);
      g.fillText("unknown", w / 2, h / 2);
      return;
    }
    g.setFill(SloColors.of(risk));
    if (remaining >= 0) {
      g.fillRoundRect(zero, 0, (w - zero) * Math.min(1, remaining), h, 4, 4);
    } else {
      double over = zero * Math.min(1, -remaining);
      g.setFill(SloColors.OVERSPENT);
      g.fillRoundRect(zero - over, 0, over, h, 4, 4);
    }
    g.setStroke(sheet.text());
    g.setLineWidth(1.5);
    g.strokeLine(zero, 0, zero, h);
  }
}
