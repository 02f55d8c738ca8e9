package io.fleetgate.sandbox;

import io.fleetgate.patch.PatchTarget;
import java.util.Objects;

/**
 * What a simulated node runs, as {@code status.nodeInfo} reports it.
 *
 * @param kubeletVersion e.g. {@code v1.34.3}
 * @param kernelVersion e.g. {@code 6.8.0-51-generic}
 * @param osImage e.g. {@code Ubuntu 24.04.1 LTS}
 * @param containerRuntimeVersion e.g. {@code containerd://2.1.4}
 */
public record NodeImage(
    String kubeletVersion, String kernelVersion, String osImage, String containerRuntimeVersion) {

  /** The kernel and OS the demo fleet's up-to-date nodes run. */
  public static final String KERNEL = "6.8.0-51-generic";

  public static final String OS_IMAGE = "Ubuntu 24.04.1 LTS";
  public static final String RUNTIME = "containerd://2.1.4";

  public NodeImage {
    Objects.requireNonNull(kubeletVersion, "kubeletVersion");
    Objects.requireNonNull(kernelVersion, "kernelVersion");
    Objects.requireNonNull(osImage, "osImage");
    Objects.requireNonNull(containerRuntimeVersion, "containerRuntimeVersion");
  }

  /** Up-to-date nodes of a cluster whose API server reports {@code serverVersion}. */
  public static NodeImage current(String serverVersion) {
    return new NodeImage(serverVersion, KERNEL, OS_IMAGE, RUNTIME);
  }

  /**
   * One patch behind {@link #current}: the previous patch release of Kubernetes (the same when it
   * is a {@code .0}) and an older kernel.
   */
  public static NodeImage oneBehind(String serverVersion) {
    java.util.regex.Matcher version =
        java.util.regex.Pattern.compile("(v?\\d+\\.\\d+\\.)(\\d+)(.*)").matcher(serverVersion);
    String previous = serverVersion;
    if (version.matches() && Integer.parseInt(version.group(2)) > 0) {
      previous = version.group(1) + (Integer.parseInt(version.group(2)) - 1);
    }
    return new NodeImage(previous, "6.8.0-49-generic", OS_IMAGE, RUNTIME);
  }

  /** This image with every part the target names replaced by the target's value. */
  public NodeImage patchedTo(PatchTarget target) {
    return new NodeImage(
        target.kubernetesVersion() == null ? kubeletVersion : target.kubernetesVersion(),
        target.kernelVersion() == null ? kernelVersion : target.kernelVersion(),
        target.osImage() == null ? osImage : target.osImage(),
        containerRuntimeVersion);
  }
}
