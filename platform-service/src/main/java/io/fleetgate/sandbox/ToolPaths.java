package io.fleetgate.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the pinned real components live: the tool cache written by {@code bin/setup}, found through
 * {@code FLEETGATE_TOOLS} (default {@code ~/.cache/fleetgate/tools}) and its {@code tools.env}.
 */
public record ToolPaths(
    Path etcd, Path kubeApiserver, Path kubectl, Path capiCrds, String kubernetesVersion) {

  /** Finds and checks the tools; every one must be present and executable. */
  public static ToolPaths locate() {
    String configured = System.getenv("FLEETGATE_TOOLS");
    Path dir =
        configured == null || configured.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "fleetgate", "tools")
            : Path.of(configured);
    return fromManifest(dir);
  }

  static ToolPaths fromManifest(Path dir) {
    Path manifest = dir.resolve("tools.env");
    if (!Files.isRegularFile(manifest)) {
      throw new SandboxException(
          "No tool cache at "
              + dir
              + " ("
              + manifest.getFileName()
              + " is missing). Run bin/setup.");
    }
    Map<String, String> values = read(manifest);
    ToolPaths tools =
        new ToolPaths(
            path(values, "FLEETGATE_ETCD", manifest),
            path(values, "FLEETGATE_KUBE_APISERVER", manifest),
            path(values, "FLEETGATE_KUBECTL", manifest),
            path(values, "FLEETGATE_CAPI_CRDS", manifest),
            values.getOrDefault("FLEETGATE_KUBERNETES_VERSION", "unknown"));
    requireExecutable(tools.etcd(), "etcd");
    requireExecutable(tools.kubeApiserver(), "kube-apiserver");
    requireExecutable(tools.kubectl(), "kubectl");
    if (!Files.isDirectory(tools.capiCrds())) {
      throw new SandboxException(
          "The Cluster API CRDs are missing from the tool cache ("
              + tools.capiCrds()
              + "). Run bin/setup.");
    }
    return tools;
  }

  private static Map<String, String> read(Path manifest) {
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(manifest)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new SandboxException("Cannot read " + manifest + ": " + e.getMessage(), e);
    }
    return values;
  }

  private static Path path(Map<String, String> values, String key, Path manifest) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new SandboxException(manifest + " has no " + key + ". Run bin/setup to rewrite it.");
    }
    return Path.of(value);
  }

  private static void requireExecutable(Path binary, String name) {
    try {
      if (!Files.isExecutable(binary) || Files.size(binary) == 0) {
        throw new SandboxException(
            name + " is missing or empty at " + binary + ". Run bin/setup to build it.");
      }
    } catch (IOException e) {
      throw new SandboxException(
          name + " is missing at " + binary + ". Run bin/setup to build it.", e);
    }
  }
}
