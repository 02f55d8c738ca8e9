package io.fleetgate.policy.opa;

import io.fleetgate.policy.PolicyCompiler;
import io.fleetgate.tools.ToolCache;
import io.fleetgate.tools.ToolException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the {@code opa} binary for compiling a repository's policies: {@code FLEETGATE_OPA}, then
 * Fleetgate's tool cache (with its Wasm capabilities), then the {@code PATH}.
 */
public final class OpaLocator {

  /** The data directory's cache of compiled fleet policies, shared by validate and the sync. */
  public static final String CACHE_DIRECTORY = "policy-cache";

  private OpaLocator() {}

  /**
   * A compiler whose bundles are kept in {@code cacheDir} by the digest of what they were compiled
   * from, or one that explains that no opa binary was found.
   */
  public static PolicyCompiler compiler(Path cacheDir) {
    PolicyCompiler compiler = compiler();
    return compiler instanceof OpaCompiler opa
        ? new CompiledBundleCache(opa, opa.identity(), cacheDir)
        : compiler;
  }

  /** A compiler, or one that explains that no opa binary was found. */
  public static PolicyCompiler compiler() {
    String configured = System.getenv("FLEETGATE_OPA");
    if (configured != null && !configured.isBlank()) {
      Path opa = Path.of(configured);
      if (Files.isExecutable(opa)) {
        return new OpaCompiler(opa, null);
      }
      return PolicyCompiler.unavailable(
          "FLEETGATE_OPA names " + configured + ", which is not an executable opa binary");
    }
    try {
      ToolCache cache = ToolCache.locate();
      Path opa = cache.executable("opa");
      Path capabilities = cache.path("opa-wasm-capabilities");
      return new OpaCompiler(opa, Files.isRegularFile(capabilities) ? capabilities : null);
    } catch (ToolException e) {
      // Not in the tool cache; try the PATH.
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path opa = Path.of(dir, "opa");
        if (Files.isExecutable(opa)) {
          return new OpaCompiler(opa, null);
        }
      }
    }
    return PolicyCompiler.unavailable(
        "the fleet repository has its own policies, and compiling them needs the opa binary,"
            + " which was not found: run bin/setup (it puts opa in Fleetgate's tool cache), put opa"
            + " on the PATH, or set FLEETGATE_OPA to its path");
  }
}
