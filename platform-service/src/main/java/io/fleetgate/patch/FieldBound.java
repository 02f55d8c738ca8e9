package io.fleetgate.patch;

/**
 * Cuts text that came from a cluster to a length people can read. Node data is written by whoever
 * controls the node, so an OS image of a megabyte must not reach a table, a CSV file or a log.
 */
public final class FieldBound {

  /** The longest field kept whole, in code points; a DNS subdomain (a node name) fits. */
  public static final int MAX_CODE_POINTS = 253;

  static final String ELLIPSIS = "…";

  private FieldBound() {}

  /**
   * The text itself when it has at most {@link #MAX_CODE_POINTS} code points, else its first code
   * points and an ellipsis, {@link #MAX_CODE_POINTS} in all. A surrogate pair is never split.
   * {@code null} becomes {@code ""}.
   */
  public static String cut(String text) {
    if (text == null) {
      return "";
    }
    if (text.codePointCount(0, text.length()) <= MAX_CODE_POINTS) {
      return text;
    }
    int end = text.offsetByCodePoints(0, MAX_CODE_POINTS - 1);
    return text.substring(0, end) + ELLIPSIS;
  }
}
