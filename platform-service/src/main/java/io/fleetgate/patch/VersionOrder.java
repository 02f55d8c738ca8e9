package io.fleetgate.patch;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders versions the way people read them, not as strings: {@code v1.34.10} after {@code v1.34.9},
 * a release after its pre-releases ({@code v1.35.0-rc.1} before {@code v1.35.0}), kernels by their
 * numbers ({@code 6.8.0-45-generic} before {@code 6.8.0-100-generic}), and any other text (an OS
 * image) with its runs of digits compared as numbers. Empty text sorts last. Texts that compare
 * equal this way ({@code 1.34} and {@code 1.34.0}) fall back to string order, so the order is
 * total.
 */
final class VersionOrder implements Comparator<String> {

  static final VersionOrder INSTANCE = new VersionOrder();

  private static final Pattern SEMVER =
      Pattern.compile("[vV]?(\\d+(?:\\.\\d+)*)(?:-([^+]*))?(?:\\+.*)?");
  private static final Pattern CHUNK = Pattern.compile("\\d+|\\D+");

  private VersionOrder() {}

  @Override
  public int compare(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    int order = semantic(a, b);
    return order != 0 ? order : a.compareTo(b);
  }

  private static int semantic(String a, String b) {
    Matcher x = SEMVER.matcher(a);
    Matcher y = SEMVER.matcher(b);
    if (!x.matches() || !y.matches()) {
      return natural(a, b);
    }
    int core = numbers(x.group(1).split("\\."), y.group(1).split("\\."));
    if (core != 0) {
      return core;
    }
    String preX = x.group(2);
    String preY = y.group(2);
    if (preX == null || preY == null) {
      // A release sorts after its pre-releases.
      return Boolean.compare(preX == null, preY == null);
    }
    return natural(preX, preY);
  }

  private static int numbers(String[] a, String[] b) {
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int order = number(i < a.length ? a[i] : "0", i < b.length ? b[i] : "0");
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /** Two runs of digits as numbers of any length. */
  private static int number(String a, String b) {
    String x = a.replaceFirst("^0+(?=.)", "");
    String y = b.replaceFirst("^0+(?=.)", "");
    return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
  }

  /** Chunk by chunk: runs of digits as numbers, other runs as text; digits before text. */
  private static int natural(String a, String b) {
    Matcher x = CHUNK.matcher(a);
    Matcher y = CHUNK.matcher(b);
    while (true) {
      boolean moreX = x.find();
      boolean moreY = y.find();
      if (!moreX || !moreY) {
        return Boolean.compare(moreX, moreY);
      }
      String cx = x.group();
      String cy = y.group();
      boolean digitsX = Character.isDigit(cx.charAt(0));
      boolean digitsY = Character.isDigit(cy.charAt(0));
      int order =
          digitsX && digitsY
              ? number(cx, cy)
              : digitsX != digitsY ? Boolean.compare(digitsY, digitsX) : cx.compareTo(cy);
      if (order != 0) {
        return order;
      }
    }
  }
}
