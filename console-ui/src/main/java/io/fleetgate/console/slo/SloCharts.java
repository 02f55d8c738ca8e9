package io.fleetgate.console.slo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SLO view's charts as values: lines over time (a null value is a gap, when the cluster was
 * unknown), the alert thresholds drawn across them, and the downsampling that keeps a month of
 * snapshots to a few points per pixel column.
 */
public final class SloCharts {

  private SloCharts() {}

  /** One point of a line; {@code value} null is a gap. */
  public record Sample(Instant at, Double value) {}

  public record Line(String label, List<Sample> samples) {
    public Line {
      samples = List.copyOf(samples);
    }
  }

  /** A horizontal rule at {@code value}, e.g. an alert's burn-rate factor. */
  public record Threshold(String label, double value) {}

  /**
   * @param from the left edge
   * @param to the right edge
   * @param top the highest value the chart shows
   */
  public record Chart(
      String title,
      Instant from,
      Instant to,
      double bottom,
      double top,
      List<Line> lines,
      List<Threshold> thresholds) {
    public Chart {
      lines = List.copyOf(lines);
      thresholds = List.copyOf(thresholds);
    }

    public boolean empty() {
      return lines.stream().allMatch(l -> l.samples().isEmpty());
    }
  }

  /**
   * One cluster's burn rates over 1h, 6h and 3d, with a threshold at each alert's factor (the
   * alerts on the same factor share one rule).
   */
  public static Chart burnRates(
      List<SloSource.Point> history,
      String cluster,
      List<SloSource.Alert> alerts,
      Instant from,
      Instant to,
      int columns) {
    List<SloSource.Point> points =
        history.stream().filter(p -> p.cluster().equals(cluster)).toList();
    List<Line> lines =
        List.of(
            line("1h", points, SloSource.Point::burn1h, columns),
            line("6h", points, SloSource.Point::burn6h, columns),
            line("3d", points, SloSource.Point::burn3d, columns));
    Map<Double, String> byFactor = new LinkedHashMap<>();
    for (SloSource.Alert a : alerts) {
      byFactor.merge(a.factor(), SloFormat.alert(a), (x, y) -> x + " · " + y);
    }
    List<Threshold> thresholds =
        byFactor.entrySet().stream().map(e -> new Threshold(e.getValue(), e.getKey())).toList();
    double top = 1;
    for (Threshold t : thresholds) {
      top = Math.max(top, t.value());
    }
    for (Line l : lines) {
      for (Sample s : l.samples()) {
        if (s.value() != null) {
          top = Math.max(top, s.value());
        }
      }
    }
    return new Chart("Burn rate on " + cluster, from, to, 0, top * 1.1, lines, thresholds);
  }

  /** Every cluster's budget remaining over the window, with the line where it is spent. */
  public static Chart budgetTrend(
      List<SloSource.Point> history, List<String> clusters, Instant from, Instant to, int columns) {
    List<Line> lines = new ArrayList<>();
    double bottom = 0;
    double top = 1;
    for (String cluster : clusters) {
      List<SloSource.Point> points =
          history.stream().filter(p -> p.cluster().equals(cluster)).toList();
      Line l = line(cluster, points, SloSource.Point::budgetRemaining, columns);
      lines.add(l);
      for (Sample s : l.samples()) {
        if (s.value() != null) {
          bottom = Math.min(bottom, s.value());
          top = Math.max(top, s.value());
        }
      }
    }
    return new Chart(
        "Budget remaining",
        from,
        to,
        bottom < 0 ? bottom * 1.1 : 0,
        top,
        lines,
        List.of(new Threshold("budget spent", 0)));
  }

  private static Line line(
      String label,
      List<SloSource.Point> points,
      Function<SloSource.Point, Double> value,
      int columns) {
    List<Sample> samples = new ArrayList<>(points.size());
    for (SloSource.Point p : points) {
      samples.add(new Sample(p.at(), p.known() ? value.apply(p) : null));
    }
    return new Line(label, downsample(samples, columns));
  }

  /**
   * At most about {@code 2 × columns} samples: each column's lowest and highest value in time
   * order, so a spike or a dip survives thinning; a gap in a column is kept as one gap.
   */
  public static List<Sample> downsample(List<Sample> samples, int columns) {
    if (columns < 1) {
      throw new IllegalArgumentException("columns must be at least 1, not " + columns);
    }
    if (samples.size() <= 2 * columns) {
      return List.copyOf(samples);
    }
    long start = samples.getFirst().at().toEpochMilli();
    long span = Math.max(1, samples.getLast().at().toEpochMilli() - start);
    List<Sample> out = new ArrayList<>(2 * columns + 2);
    int i = 0;
    while (i < samples.size()) {
      int column = column(samples.get(i), start, span, columns);
      Sample low = null;
      Sample high = null;
      Sample gap = null;
      while (i < samples.size() && column(samples.get(i), start, span, columns) == column) {
        Sample s = samples.get(i++);
        if (s.value() == null) {
          gap = gap == null ? s : gap;
        } else {
          low = low == null || s.value() < low.value() ? s : low;
          high = high == null || s.value() > high.value() ? s : high;
        }
      }
      List<Sample> kept = new ArrayList<>(3);
      for (Sample s : new Sample[] {low, high, gap}) {
        if (s != null && !kept.contains(s)) {
          kept.add(s);
        }
      }
      kept.sort(java.util.Comparator.comparing(Sample::at));
      out.addAll(kept);
    }
    return out;
  }

  private static int column(Sample s, long start, long span, int columns) {
    return (int) Math.min(columns - 1, (s.at().toEpochMilli() - start) * columns / span);
  }
}
