package io.fleetgate.domain;

/**
 * Where something came from in the config repository.
 *
 * @param path the file, relative to the repository root, with forward slashes
 * @param line the 1-based line, or 0 when the whole file is meant
 */
public record SourceLocation(String path, int line) {

  public static SourceLocation file(String path) {
    return new SourceLocation(path, 0);
  }

  /** {@code bundles/payments/gateway.yaml:12}. */
  @Override
  public String toString() {
    return line > 0 ? path + ":" + line : path;
  }
}
