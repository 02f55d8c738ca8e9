package io.fleetgate.sandbox;

import io.fleetgate.tools.ToolCache;
import io.fleetgate.tools.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real components a sandbox fleet runs, from the tool cache {@code bin/setup} fills. */
public record ToolPaths(
    Path etcd, Path kubeApiserver, Path kubectl, Path capiCrds, String kubernetesVersion) {

  /** Finds and checks the tools; every one must be present and executable. */
  public static ToolPaths locate() {
    try {
      return from(ToolCache.locate());
    } catch (ToolException e) {
      throw new SandboxException(e.getMessage(), e);
    }
  }

  static ToolPaths fromManifest(Path dir) {
    try {
      return from(ToolCache.at(dir));
    } catch (ToolException e) {
      throw new SandboxException(e.getMessage(), e);
    }
  }

  private static ToolPaths from(ToolCache cache) {
    ToolPaths tools =
        new ToolPaths(
            cache.executable("etcd"),
            cache.executable("kube-apiserver"),
            cache.executable("kubectl"),
            cache.path("capi-crds"),
            cache.value("FLEETGATE_KUBERNETES_VERSION", "unknown"));
    if (!Files.isDirectory(tools.capiCrds())) {
      throw new SandboxException(
          "The Cluster API CRDs are missing from the tool cache ("
              + tools.capiCrds()
              + "). Run bin/setup.");
    }
    return tools;
  }
}
