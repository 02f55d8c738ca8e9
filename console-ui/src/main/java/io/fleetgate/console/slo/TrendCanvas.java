package io.fleetgate.console.slo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * One {@link SloCharts.Chart} on a canvas: its lines (broken where the cluster was unknown), its
 * thresholds as dashed rules with their labels, value and date axes and a legend. One node however
 * many points, and the chart arrives already thinned to the pixel columns.
 */
final class TrendCanvas extends Canvas {

  private static final double LEFT = 56;
  private static final double RIGHT = 12;
  private static final double TOP = 26;
  private static final double BOTTOM = 22;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final boolean percent;

  /**
   * @param percent whether values are shares (budget) written as percentages, else factors
   */
  TrendCanvas(String id, boolean percent) {
    super(600, 170);
    setId(id);
    this.percent = percent;
  }

  void draw(SloCharts.Chart chart, SloColors.Sheet sheet, String emptyText) {
    GraphicsContext g = getGraphicsContext2D();
    double w = getWidth();
    double h = getHeight();
    g.setFill(sheet.background());
    g.fillRect(0, 0, w, h);
    if (chart == null) {
      return;
    }
    g.setFont(Font.font(12));
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.LEFT);
    g.setFill(sheet.text());
    g.fillText(chart.title(), LEFT, 12);
    double plotW = w - LEFT - RIGHT;
    double plotH = h - TOP - BOTTOM;
    double step = niceStep((chart.top() - chart.bottom()) / 4);
    double bottom = Math.floor(chart.bottom() / step) * step;
    double top = Math.ceil(chart.top() / step) * step;
    double span = Math.max(1e-9, top - bottom);
    java.util.function.DoubleUnaryOperator y = v -> TOP + plotH - (v - bottom) / span * plotH;
    long from = chart.from().toEpochMilli();
    long range = Math.max(1, chart.to().toEpochMilli() - from);
    java.util.function.ToDoubleFunction<Instant> x =
        t -> LEFT + (t.toEpochMilli() - from) * plotW / range;

    // grid and value axis
    g.setFont(Font.font(10));
    g.setLineDashes();
    g.setLineWidth(1);
    for (double v = bottom; v <= top + step / 2; v += step) {
      double py = y.applyAsDouble(v);
      g.setStroke(sheet.grid());
      g.strokeLine(LEFT, py, LEFT + plotW, py);
      g.setFill(sheet.muted());
      g.setTextAlign(TextAlignment.RIGHT);
      g.fillText(value(v), LEFT - 6, py);
    }
    // date axis
    g.setTextAlign(TextAlignment.CENTER);
    DateTimeFormatter f = range > 3L * 24 * 3600 * 1000 ? DAY : HOUR;
    for (int i = 0; i <= 4; i++) {
      Instant t = Instant.ofEpochMilli(from + range * i / 4);
      g.setFill(sheet.muted());
      g.fillText(f.format(t), Math.min(w - 40, Math.max(LEFT + 20, x.applyAsDouble(t))), h - 10);
    }
    // thresholds
    g.setLineDashes(6, 4);
    g.setLineWidth(1.5);
    g.setTextAlign(TextAlignment.RIGHT);
    for (SloCharts.Threshold t : chart.thresholds()) {
      if (t.value() < bottom || t.value() > top) {
        continue;
      }
      double py = y.applyAsDouble(t.value());
      g.setStroke(SloColors.OVERSPENT);
      g.strokeLine(LEFT, py, LEFT + plotW, py);
      g.setFill(SloColors.OVERSPENT);
      g.fillText(t.label(), LEFT + plotW - 4, py - 8);
    }
    g.setLineDashes();
    // lines
    g.setLineWidth(2);
    int i = 0;
    for (SloCharts.Line line : chart.lines()) {
      Color c = SloColors.LINES[i++ % SloColors.LINES.length];
      g.setStroke(c);
      boolean open = false;
      g.setFill(c);
      java.util.List<SloCharts.Sample> samples = line.samples();
      for (int k = 0; k < samples.size(); k++) {
        SloCharts.Sample s = samples.get(k);
        boolean alone =
            s.value() != null
                && (k == 0 || samples.get(k - 1).value() == null)
                && (k == samples.size() - 1 || samples.get(k + 1).value() == null);
        if (alone) {
          // a snapshot with no neighbour to join: a dot
          g.fillOval(
              x.applyAsDouble(s.at()) - 3,
              y.applyAsDouble(Math.max(bottom, Math.min(top, s.value()))) - 3,
              6,
              6);
        }
        if (s.value() == null) {
          if (open) {
            g.stroke();
          }
          open = false;
          // a gap: a grey tick along the bottom where the cluster was unknown
          double px = x.applyAsDouble(s.at());
          g.setFill(SloColors.UNKNOWN);
          g.fillRect(px - 1, TOP + plotH - 4, 2, 4);
          g.setFill(c);
          continue;
        }
        double px = x.applyAsDouble(s.at());
        double py = y.applyAsDouble(Math.max(bottom, Math.min(top, s.value())));
        if (!open) {
          g.beginPath();
          g.moveTo(px, py);
          open = true;
        } else {
          g.lineTo(px, py);
        }
      }
      if (open) {
        g.stroke();
      }
    }
    // legend
    g.setFont(Font.font(11));
    g.setTextAlign(TextAlignment.LEFT);
    double lx = LEFT + Math.max(180, chart.title().length() * 7.0);
    i = 0;
    for (SloCharts.Line line : chart.lines()) {
      Color c = SloColors.LINES[i++ % SloColors.LINES.length];
      g.setFill(c);
      g.fillRect(lx, 8, 14, 4);
      g.setFill(sheet.text());
      g.fillText(line.label(), lx + 18, 11);
      lx += 26 + line.label().length() * 7.0;
    }
    if (chart.empty()) {
      g.setFill(sheet.muted());
      g.setTextAlign(TextAlignment.CENTER);
      g.setFont(Font.font(12));
      g.fillText(emptyText, LEFT + plotW / 2, TOP + plotH / 2);
    }
  }

  /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * power >= rough) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private String value(double v) {
    return percent
        ? String.format(Locale.ROOT, "%.0f %%", v * 100 + 0.0)
        : String.format(Locale.ROOT, v >= 10 ? "%.0f×" : "%.1f×", v);
  }
}
