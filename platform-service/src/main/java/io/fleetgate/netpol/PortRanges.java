package io.fleetgate.netpol;

import java.util.Arrays;

/**
 * A set of ports in 1–65535 as sorted, disjoint, non-adjacent closed ranges. Immutable; the
 * operations return new sets.
 */
public final class PortRanges {

  public static final int MIN = 1;
  public static final int MAX = 65535;

  public static final PortRanges NONE = new PortRanges(new int[0]);
  public static final PortRanges ALL = new PortRanges(new int[] {MIN, MAX});

  /** Pairs {@code from, to}, sorted, disjoint and never adjacent. */
  private final int[] bounds;

  private PortRanges(int[] bounds) {
    this.bounds = bounds;
  }

  /** The ports {@code from}–{@code to}, both included. */
  public static PortRanges of(int from, int to) {
    if (from < MIN || to > MAX || from > to) {
      throw new IllegalArgumentException(
          "port range " + from + "-" + to + " is not within " + MIN + "-" + MAX);
    }
    return from == MIN && to == MAX ? ALL : new PortRanges(new int[] {from, to});
  }

  public static PortRanges single(int port) {
    return of(port, port);
  }

  public boolean isEmpty() {
    return bounds.length == 0;
  }

  public boolean isAll() {
    return bounds.length == 2 && bounds[0] == MIN && bounds[1] == MAX;
  }

  public boolean contains(int port) {
    for (int i = 0; i < bounds.length; i += 2) {
      if (port < bounds[i]) {
        return false;
      }
      if (port <= bounds[i + 1]) {
        return true;
      }
    }
    return false;
  }

  public PortRanges union(PortRanges other) {
    if (other.isEmpty() || isAll()) {
      return this;
    }
    if (isEmpty() || other.isAll()) {
      return other;
    }
    int[] merged = new int[bounds.length + other.bounds.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < bounds.length || j < other.bounds.length) {
      int from;
      int to;
      if (j >= other.bounds.length || (i < bounds.length && bounds[i] <= other.bounds[j])) {
        from = bounds[i];
        to = bounds[i + 1];
        i += 2;
      } else {
        from = other.bounds[j];
        to = other.bounds[j + 1];
        j += 2;
      }
      if (n > 0 && from <= merged[n - 1] + 1) {
        merged[n - 1] = Math.max(merged[n - 1], to);
      } else {
        merged[n++] = from;
        merged[n++] = to;
      }
    }
    return canonical(Arrays.copyOf(merged, n));
  }

  public PortRanges intersect(PortRanges other) {
    if (isEmpty() || other.isAll()) {
      return this;
    }
    if (other.isEmpty() || isAll()) {
      return other;
    }
    int[] out = new int[bounds.length + other.bounds.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < bounds.length && j < other.bounds.length) {
      int from = Math.max(bounds[i], other.bounds[j]);
      int to = Math.min(bounds[i + 1], other.bounds[j + 1]);
      if (from <= to) {
        out[n++] = from;
        out[n++] = to;
      }
      if (bounds[i + 1] < other.bounds[j + 1]) {
        i += 2;
      } else {
        j += 2;
      }
    }
    return canonical(Arrays.copyOf(out, n));
  }

  /** The ports in this set and not in {@code other}. */
  public PortRanges minus(PortRanges other) {
    return intersect(other.complement());
  }

  public PortRanges complement() {
    int[] out = new int[bounds.length + 2];
    int n = 0;
    int next = MIN;
    for (int i = 0; i < bounds.length; i += 2) {
      if (bounds[i] > next) {
        out[n++] = next;
        out[n++] = bounds[i] - 1;
      }
      next = bounds[i + 1] + 1;
    }
    if (next <= MAX) {
      out[n++] = next;
      out[n++] = MAX;
    }
    return canonical(Arrays.copyOf(out, n));
  }

  private static PortRanges canonical(int[] bounds) {
    if (bounds.length == 0) {
      return NONE;
    }
    if (bounds.length == 2 && bounds[0] == MIN && bounds[1] == MAX) {
      return ALL;
    }
    return new PortRanges(bounds);
  }

  /** One closed range of ports. */
  public record Range(int from, int to) {}

  /** The ranges, ascending. */
  public java.util.List<Range> ranges() {
    java.util.List<Range> ranges = new java.util.ArrayList<>(bounds.length / 2);
    for (int i = 0; i < bounds.length; i += 2) {
      ranges.add(new Range(bounds[i], bounds[i + 1]));
    }
    return ranges;
  }

  /** Ascending ports and ranges separated by commas: {@code 80,8080-8081}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < bounds.length; i += 2) {
      if (i > 0) {
        text.append(',');
      }
      text.append(bounds[i]);
      if (bounds[i + 1] != bounds[i]) {
        text.append('-').append(bounds[i + 1]);
      }
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortRanges other && Arrays.equals(bounds, other.bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds);
  }
}
