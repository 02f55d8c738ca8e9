package io.fleetgate.bench;

/**
 * How big the benchmarks run: full size, or about 1 % of it for the smoke run ({@code bin/bench
 * --smoke}), which proves that each benchmark and its baseline still run and converge without
 * timing anything. Set once by {@link Main} before any benchmark starts.
 */
final class Size {

  private static volatile boolean smoke;
  private static volatile boolean read;

  private Size() {}

  /**
   * Chooses the smoke run; only before any size is read, because benchmarks take their sizes into
   * constants when they are first used.
   */
  static void smoke(boolean on) {
    if (read) {
      throw new IllegalStateException("the benchmark size is chosen before any benchmark runs");
    }
    smoke = on;
  }

  static boolean isSmoke() {
    read = true;
    return smoke;
  }

  /** {@code full} in a measured run, {@code smoke} in the smoke run. */
  static int of(int full, int smoke) {
    read = true;
    return Size.smoke ? smoke : full;
  }
}
