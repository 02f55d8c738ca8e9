package io.fleetgate.patch.kube;

import com.google.gson.JsonElement;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.kube.ListPage;
import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodePatchLevel;
import io.fleetgate.patch.NodeReadiness;
import io.fleetgate.patch.NodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a cluster's {@code v1 Node}s page by page ({@value #PAGE} a page, each answer at most
 * {@value #MAX_PAGE_MIB} MiB, at most {@value #MAX_NODES} nodes) and reads each one's patch level.
 * A cluster that cannot be reached, refuses, or answers too much is {@link NodeListing.Unreachable}
 * with the reason.
 */
public final class KubeNodeSource implements NodeSource {

  static final GroupVersionKind NODE = GroupVersionKind.of("v1", "Node");
  static final int PAGE = 250;
  static final int MAX_PAGE_MIB = 32;
  static final int MAX_NODES = 20_000;

  private final KubeClients clients;
  private final int page;
  private final int maxPageBytes;
  private final int maxNodes;

  /**
   * @param clients builds each cluster's client from its kubeconfig, under its policy and deadline
   */
  public KubeNodeSource(KubeClients clients) {
    this(clients, PAGE, MAX_PAGE_MIB << 20, MAX_NODES);
  }

  /** With other bounds, so that a test reaches them with a handful of nodes. */
  KubeNodeSource(KubeClients clients, int page, int maxPageBytes, int maxNodes) {
    this.clients = clients;
    this.page = page;
    this.maxPageBytes = maxPageBytes;
    this.maxNodes = maxNodes;
  }

  @Override
  public NodeListing read(ClusterAccess access) {
    String cluster = access.target().qualifiedName();
    ClusterApi api = null;
    try {
      api = clients.api(access.kubeconfig());
      List<NodePatchLevel> nodes = new ArrayList<>();
      String token = null;
      do {
        ListPage answer = api.listPage(NODE, page, token, maxPageBytes);
        for (KubeObject node : answer.items()) {
          nodes.add(levelOf(cluster, node));
        }
        if (nodes.size() > maxNodes) {
          return NodeListing.unreachable(
              cluster, "it has more than " + maxNodes + " nodes, more than Fleetgate reads");
        }
        token = answer.continueToken();
      } while (token != null);
      return NodeListing.listed(cluster, nodes);
    } catch (KubeException e) {
      return NodeListing.unreachable(cluster, firstLine(e.getMessage()));
    } finally {
      if (api != null) {
        api.close();
      }
    }
  }

  /** The node's patch level; absent fields are empty, a missing Ready condition is unknown. */
  static NodePatchLevel levelOf(String cluster, KubeObject node) {
    String ready = null;
    java.util.Optional<java.time.Instant> since = java.util.Optional.empty();
    var conditions = node.at("status", "conditions");
    if (conditions.isPresent() && conditions.get().isJsonArray()) {
      for (JsonElement condition : conditions.get().getAsJsonArray()) {
        if (condition.isJsonObject()
            && "Ready".equals(text(condition.getAsJsonObject().get("type")))) {
          ready = text(condition.getAsJsonObject().get("status"));
          since = instant(text(condition.getAsJsonObject().get("lastTransitionTime")));
        }
      }
    }
    boolean unschedulable =
        node.at("spec", "unschedulable")
            .filter(JsonElement::isJsonPrimitive)
            .map(JsonElement::getAsBoolean)
            .orElse(false);
    return new NodePatchLevel(
        cluster,
        node.name(),
        node.text("status", "nodeInfo", "kubeletVersion").orElse(""),
        node.text("status", "nodeInfo", "kernelVersion").orElse(""),
        node.text("status", "nodeInfo", "osImage").orElse(""),
        node.text("status", "nodeInfo", "containerRuntimeVersion").orElse(""),
        NodeReadiness.ofCondition(ready),
        !unschedulable,
        since);
  }

  /** An RFC 3339 time as the API writes it; empty when absent or not a time. */
  private static java.util.Optional<java.time.Instant> instant(String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The client's messages go on with "HTTP response code: 0" and the like; the first line says it.
   */
  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static String text(JsonElement value) {
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }
}
