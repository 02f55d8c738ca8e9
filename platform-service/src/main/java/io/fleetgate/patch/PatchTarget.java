package io.fleetgate.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * The patch level a fleet should reach. Each part is optional ({@code null} when not named); a node
 * is up to date when it is {@link NodeReadiness#READY} and matches every part the target names. A
 * node not Ready is never up to date: new versions on a node that did not come back are not a
 * finished patch.
 *
 * @param kubernetesVersion the kubelet version, with or without its leading {@code v}
 * @param kernelVersion the kernel version, exactly as nodes report it
 * @param osImage the OS image, exactly as nodes report it
 */
public record PatchTarget(String kubernetesVersion, String kernelVersion, String osImage) {

  /** A target that names nothing: the matrix then counts nodes without judging them. */
  public static final PatchTarget NONE = new PatchTarget(null, null, null);

  public PatchTarget {
    kubernetesVersion = blankToNull(kubernetesVersion);
    kernelVersion = blankToNull(kernelVersion);
    osImage = blankToNull(osImage);
  }

  /** Whether the target names at least one part. */
  public boolean names() {
    return kubernetesVersion != null || kernelVersion != null || osImage != null;
  }

  /** Whether the node is Ready and matches every part this target names. */
  public boolean upToDate(NodePatchLevel node) {
    return node.ready() == NodeReadiness.READY
        && (kubernetesVersion == null
            || withoutV(kubernetesVersion).equals(withoutV(node.kubeletVersion())))
        && (kernelVersion == null || kernelVersion.equals(node.kernelVersion()))
        && (osImage == null || osImage.equals(node.osImage()));
  }

  /** The parts named, e.g. {@code kubernetes v1.34.3, kernel 6.8.0-50-generic}; "" for none. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (kubernetesVersion != null) {
      parts.add("kubernetes " + kubernetesVersion);
    }
    if (kernelVersion != null) {
      parts.add("kernel " + kernelVersion);
    }
    if (osImage != null) {
      parts.add("os image " + osImage);
    }
    return String.join(", ", parts);
  }

  private static String withoutV(String version) {
    return version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
