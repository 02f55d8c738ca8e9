package io.fleetgate.render;

/**
 * Bounds on what one manifest file may cost to read, so that a hostile repository (a YAML bomb, a
 * 50 MB file, absurd nesting) is refused quickly instead of exhausting the service.
 *
 * @param maxNodes the nodes a file's documents may expand to once every alias is resolved: an
 *     alias-free file within {@code maxFileBytes} always fits; an exponential alias chain does not
 */
public record ManifestLimits(
    long maxFileBytes, int maxAliases, int maxDepth, int maxDocuments, long maxNodes) {

  /** 2 MiB files, 50 aliases, 64 levels, 1,000 documents and 1,000,000 expanded nodes per file. */
  public static ManifestLimits defaults() {
    return new ManifestLimits(2L << 20, 50, 64, 1_000, 1_000_000);
  }

  /** The same limits for text {@code factor} times the size of a file (kustomize output). */
  public ManifestLimits scaled(int factor) {
    return new ManifestLimits(
        maxFileBytes * factor, maxAliases, maxDepth, maxDocuments * factor, maxNodes * factor);
  }
}
