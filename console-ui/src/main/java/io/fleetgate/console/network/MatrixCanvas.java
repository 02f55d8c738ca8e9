package io.fleetgate.console.network;

import java.util.function.BiConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The reachability matrix: sources down the side, destinations across the top, a filled cell where
 * a connection is allowed (coloured by how a diff changed it). Small matrices write what is allowed
 * in the cell; large ones colour it and say it on hover. One canvas, so 200 × 200 cells cost one
 * node.
 */
final class MatrixCanvas extends Canvas {

  /** Up to this many endpoints cells are wide enough for their text. */
  static final int WORDY = 16;

  private static final double HEADER = 230;
  private NetworkGraph.Matrix matrix;
  private double cellW;
  private double cellH;
  private final Tooltip tip = new Tooltip();

  MatrixCanvas(BiConsumer<String, String> onPath) {
    setId("network-matrix");
    Tooltip.install(this, tip);
    setOnMouseMoved(
        e -> {
          String[] pair = at(e.getX(), e.getY());
          tip.setText(pair == null ? "" : pair[0] + " → " + pair[1] + "\n" + pair[2]);
        });
    setOnMouseClicked(
        e -> {
          String[] pair = at(e.getX(), e.getY());
          if (pair != null && !pair[2].isEmpty()) {
            onPath.accept(pair[0], pair[1]);
          }
        });
  }

  private String[] at(double x, double y) {
    if (matrix == null || x < HEADER || y < HEADER) {
      return null;
    }
    int c = (int) ((x - HEADER) / cellW);
    int r = (int) ((y - HEADER) / cellH);
    int n = matrix.endpoints().size();
    if (r >= n || c >= n) {
      return null;
    }
    NetworkGraph.DrawnEdge e = matrix.cells()[r][c];
    return new String[] {
      matrix.endpoints().get(r), matrix.endpoints().get(c), e == null ? "" : e.label()
    };
  }

  void draw(NetworkGraph.Matrix m, boolean dark) {
    this.matrix = m;
    int n = m.endpoints().size();
    boolean wordy = n <= WORDY;
    cellW = wordy ? 104 : 16;
    cellH = wordy ? 26 : 16;
    setWidth(HEADER + n * cellW + 8);
    setHeight(HEADER + n * cellH + 8);
    NetworkColors.Sheet sheet = NetworkColors.Sheet.of(dark);
    GraphicsContext g = getGraphicsContext2D();
    g.setFill(sheet.background());
    g.fillRect(0, 0, getWidth(), getHeight());
    Font font = Font.font(wordy ? 12 : 10);
    g.setFont(font);
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.LEFT);
    g.setFill(sheet.muted());
    g.fillText("from ↓   to →", 8, 14);
    for (int i = 0; i < n; i++) {
      String name = fit(m.endpoints().get(i), font, HEADER - 14);
      g.setFill(sheet.text());
      g.setTextAlign(TextAlignment.RIGHT);
      g.fillText(name, HEADER - 6, HEADER + i * cellH + cellH / 2);
      g.save();
      g.translate(HEADER + i * cellW + cellW / 2, HEADER - 6);
      g.rotate(-90);
      g.setTextAlign(TextAlignment.LEFT);
      g.fillText(name, 0, 0);
      g.restore();
    }
    g.setTextAlign(TextAlignment.CENTER);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double x = HEADER + c * cellW;
        double y = HEADER + r * cellH;
        NetworkGraph.DrawnEdge e = m.cells()[r][c];
        if (e != null) {
          g.setFill(NetworkColors.of(e.change()));
          g.fillRect(x + 1, y + 1, cellW - 2, cellH - 2);
          if (wordy) {
            g.setFill(javafx.scene.paint.Color.WHITE);
            g.fillText(fit(e.label(), font, cellW - 6), x + cellW / 2, y + cellH / 2);
          }
        } else if (r == c) {
          g.setFill(sheet.grid());
          g.fillRect(x + 1, y + 1, cellW - 2, cellH - 2);
        }
      }
    }
    for (int i = 0; i <= n; i++) {
      // A darker line where one namespace ends and the next begins.
      boolean boundary =
          i == 0
              || i == n
              || !NetworkGraph.namespaceOf(m.endpoints().get(i - 1))
                  .equals(NetworkGraph.namespaceOf(m.endpoints().get(i)));
      g.setStroke(boundary ? sheet.muted() : sheet.grid());
      g.setLineWidth(boundary ? 1.5 : 1);
      g.strokeLine(HEADER, HEADER + i * cellH, HEADER + n * cellW, HEADER + i * cellH);
      g.strokeLine(HEADER + i * cellW, HEADER, HEADER + i * cellW, HEADER + n * cellH);
    }
  }

  /** The text, cut with an ellipsis where it would be wider than {@code width}. */
  private static String fit(String text, Font font, double width) {
    javafx.scene.text.Text probe = new javafx.scene.text.Text(text);
    probe.setFont(font);
    if (probe.getLayoutBounds().getWidth() <= width) {
      return text;
    }
    int keep = text.length();
    while (keep > 1) {
      keep--;
      probe.setText(text.substring(0, keep) + "…");
      if (probe.getLayoutBounds().getWidth() <= width) {
        break;
      }
    }
    return text.substring(0, keep) + "…";
  }
}
