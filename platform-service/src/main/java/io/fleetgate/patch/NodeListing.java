package io.fleetgate.patch;

import java.util.List;
import java.util.Objects;

/** What reading one cluster's nodes gave: its nodes, or why they could not be read. */
public sealed interface NodeListing {

  /** The cluster, {@code namespace/name}. */
  String cluster();

  /** Every node of the cluster. */
  static NodeListing listed(String cluster, List<NodePatchLevel> nodes) {
    return new Listed(cluster, nodes);
  }

  /** The cluster could not be read; its nodes are unknown, not zero. */
  static NodeListing unreachable(String cluster, String reason) {
    return new Unreachable(cluster, reason);
  }

  record Listed(String cluster, List<NodePatchLevel> nodes) implements NodeListing {
    public Listed {
      Objects.requireNonNull(cluster, "cluster");
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * @param reason one line (runs of white space, line breaks included, become one space), cut to
   *     {@link FieldBound#MAX_CODE_POINTS}
   */
  record Unreachable(String cluster, String reason) implements NodeListing {
    public Unreachable {
      Objects.requireNonNull(cluster, "cluster");
      reason = FieldBound.cut(reason == null ? "" : reason.strip().replaceAll("\\s+", " "));
    }
  }
}
