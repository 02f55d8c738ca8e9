package io.fleetgate.patch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's patch level as its {@code status.nodeInfo} and conditions report it. Every text field
 * is cut to {@link FieldBound#MAX_CODE_POINTS}; an absent field is {@code ""}.
 *
 * @param cluster the cluster, {@code namespace/name} as {@code ClusterTarget#qualifiedName} names
 *     it
 * @param node the node's name
 * @param kubeletVersion {@code status.nodeInfo.kubeletVersion}, e.g. {@code v1.34.2}
 * @param kernelVersion {@code status.nodeInfo.kernelVersion}
 * @param osImage {@code status.nodeInfo.osImage}
 * @param containerRuntimeVersion {@code status.nodeInfo.containerRuntimeVersion}
 * @param ready the {@code Ready} condition
 * @param schedulable false when the node is cordoned ({@code spec.unschedulable})
 * @param readySince when the Ready condition last changed ({@code lastTransitionTime}), when the
 *     node reports it
 */
public record NodePatchLevel(
    String cluster,
    String node,
    String kubeletVersion,
    String kernelVersion,
    String osImage,
    String containerRuntimeVersion,
    NodeReadiness ready,
    boolean schedulable,
    Optional<Instant> readySince) {

  /** A node whose Ready condition does not say since when. */
  public NodePatchLevel(
      String cluster,
      String node,
      String kubeletVersion,
      String kernelVersion,
      String osImage,
      String containerRuntimeVersion,
      NodeReadiness ready,
      boolean schedulable) {
    this(
        cluster,
        node,
        kubeletVersion,
        kernelVersion,
        osImage,
        containerRuntimeVersion,
        ready,
        schedulable,
        Optional.empty());
  }

  public NodePatchLevel {
    Objects.requireNonNull(cluster, "cluster");
    cluster = FieldBound.cut(cluster);
    node = FieldBound.cut(node);
    kubeletVersion = FieldBound.cut(kubeletVersion);
    kernelVersion = FieldBound.cut(kernelVersion);
    osImage = FieldBound.cut(osImage);
    containerRuntimeVersion = FieldBound.cut(containerRuntimeVersion);
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(readySince, "readySince");
  }

  /** The combination the matrix groups nodes by. */
  PatchLevel level() {
    return new PatchLevel(kubeletVersion, kernelVersion, osImage);
  }
}
