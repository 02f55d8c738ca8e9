package io.fleetgate.render;

/**
 * Bounds on what one manifest file may cost to read, so that a hostile repository (a YAML bomb, a
 * 50 MB file, absurd nesting) is refused quickly instead of exhausting the service.
 */
public record ManifestLimits(long maxFileBytes, int maxAliases, int maxDepth, int maxDocuments) {

  /** 2 MiB files, 50 aliases, 64 levels, 1,000 documents per file. */
  public static ManifestLimits defaults() {
    return new ManifestLimits(2L << 20, 50, 64, 1_000);
  }
}
