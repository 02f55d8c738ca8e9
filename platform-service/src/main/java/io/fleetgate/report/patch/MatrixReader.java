package io.fleetgate.report.patch;

/**
 * Reads the fleet's patch matrix for a report. Implementations never throw for a management cluster
 * they cannot reach: they answer {@link MatrixPart.NotRead} with the reason, so the report still
 * shows the rollouts' history.
 */
@FunctionalInterface
public interface MatrixReader {

  MatrixPart read();

  /** A reader for reports that were given no way to reach the fleet. */
  static MatrixReader none(String reason) {
    return () -> new MatrixPart.NotRead(reason);
  }
}
