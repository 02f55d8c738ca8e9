package io.fleetgate.sandbox;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.patch.PatchTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the kubelets and the node upgrader the sandbox's workload clusters do not have: creates
 * {@code Node} objects through the real API (the object, then its {@code status} subresource with
 * {@code nodeInfo}, a Ready condition, addresses and capacity), and upgrades them one at a time
 * through the real API as a node upgrader would: cordon, drain marker, new versions while not Ready
 * ("rebooting"), Ready, uncordon; one at a time or a few at a time ({@link UpgradePace}).
 *
 * <p>Demo and test support only. Nothing in the sandbox fights it: the sandbox runs no
 * kube-controller-manager, so no node lifecycle controller marks these kubelet-less nodes Unknown
 * for want of heartbeats, and no scheduler places pods on them. Its writes use the field manager
 * {@value #FIELD_MANAGER}; its nodes carry the label {@value #SIMULATED_LABEL}, and only those are
 * ever upgraded.
 */
public final class NodeSimulator {

  public static final String FIELD_MANAGER = "fleetgate-node-simulator";
  public static final String SIMULATED_LABEL = "sandbox.fleetgate.io/simulated-node";

  /** Set while a node is drained for its upgrade, to the time the drain began. */
  public static final String DRAIN_ANNOTATION = "sandbox.fleetgate.io/drained-at";

  public static final int DEFAULT_NODES = 3;

  private static final Logger log = LoggerFactory.getLogger(NodeSimulator.class);
  private static final GroupVersionKind NODE = GroupVersionKind.of("v1", "Node");

  private final Function<String, ClusterApi> clusters;

  /**
   * @param clusters a client for each workload cluster by name, e.g. {@link SandboxFleet#api}
   */
  public NodeSimulator(Function<String, ClusterApi> clusters) {
    this.clusters = clusters;
  }

  /**
   * Makes sure the cluster has nodes {@code <cluster>-worker-1..count}, created Ready and
   * schedulable with the image; nodes that exist already are left as they are (a demo restarted
   * mid-rollout keeps its progress).
   *
   * @return the names of the nodes created now
   */
  public List<String> seed(String cluster, int count, NodeImage image) {
    if (count < 0 || count > 1_000) {
      throw new SandboxException("A simulated cluster has 0 to 1000 nodes, not " + count);
    }
    ClusterApi api = clusters.apply(cluster);
    List<String> created = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String name = cluster + "-worker-" + i;
      if (api.get(NODE, null, name).isEmpty()) {
        addNode(api, name, image);
        created.add(name);
      }
    }
    log.info(
        "Seeded {} simulated nodes in {} ({} already there)",
        created.size(),
        cluster,
        count - created.size());
    return created;
  }

  /** Creates one Ready, schedulable node with the image (or rewrites its status if it exists). */
  public void addNode(String cluster, String name, NodeImage image) {
    addNode(clusters.apply(cluster), name, image);
  }

  private void addNode(ClusterApi api, String name, NodeImage image) {
    KubeObject node = writeNode(api, name, false, null);
    api.replaceStatus(
        node, status(name, image, "True", "KubeletReady", "kubelet is posting ready"));
  }

  /**
   * Upgrades the cluster's simulated nodes to the target one at a time, in name order; nodes
   * already at the target ({@link SimulatedNode#at}) are skipped. Each node takes about {@code
   * perNode}: cordoned and marked drained, half of it draining, then its new versions with Ready
   * false (rebooting), the other half rebooting, then Ready and uncordoned. Blocks until done.
   *
   * @param failure a node that never comes back Ready: the walk halts there, the node left
   *     cordoned, not Ready and with its new versions, the nodes after it untouched
   */
  public UpgradeOutcome upgrade(
      String cluster, PatchTarget target, Duration perNode, InjectedFailure failure) {
    return upgrade(cluster, target, new UpgradePace(perNode, 1), failure, () -> true);
  }

  /**
   * Upgrades the cluster's simulated nodes to the target {@code pace.nodesAtOnce()} at a time, in
   * name order, as {@link #upgrade(String, PatchTarget, Duration, InjectedFailure)} does one at a
   * time: the nodes of a batch are cordoned together, reboot together and come back together.
   *
   * @param failure a node that never comes back Ready: the other nodes of its batch finish, then
   *     the walk halts, that node left cordoned and not Ready, the nodes after the batch untouched
   * @param carryOn asked before each batch; when it answers false the walk stops there ({@link
   *     UpgradeOutcome.Stopped}), every node it touched finished
   */
  public UpgradeOutcome upgrade(
      String cluster,
      PatchTarget target,
      UpgradePace pace,
      InjectedFailure failure,
      BooleanSupplier carryOn) {
    ClusterApi api = clusters.apply(cluster);
    List<SimulatedNode> walk = nodes(api).stream().filter(n -> !n.at(target)).toList();
    List<String> upgraded = new ArrayList<>();
    for (int first = 0; first < walk.size(); first += pace.nodesAtOnce()) {
      if (!carryOn.getAsBoolean()) {
        return new UpgradeOutcome.Stopped(upgraded, "the walk was called off before its next node");
      }
      List<SimulatedNode> batch =
          walk.subList(first, Math.min(walk.size(), first + pace.nodesAtOnce()));
      Optional<String> stuck = upgradeBatch(api, cluster, batch, target, pace.perNode(), failure);
      batch.stream()
          .map(SimulatedNode::name)
          .filter(name -> stuck.map(s -> !s.equals(name)).orElse(true))
          .forEach(upgraded::add);
      if (stuck.isPresent()) {
        return new UpgradeOutcome.Halted(
            upgraded,
            stuck.get(),
            "node " + stuck.get() + " did not come back Ready after its reboot");
      }
    }
    return new UpgradeOutcome.Completed(upgraded);
  }

  /** The cluster's simulated nodes as they are now, in name order. */
  public List<SimulatedNode> nodes(String cluster) {
    return nodes(clusters.apply(cluster));
  }

  private static List<SimulatedNode> nodes(ClusterApi api) {
    return api.list(NODE).stream()
        .filter(n -> n.label(SIMULATED_LABEL).isPresent())
        .sorted(Comparator.comparing(KubeObject::name))
        .map(
            n ->
                new SimulatedNode(
                    n.name(), imageOf(n), ready(n), n.annotation(DRAIN_ANNOTATION).isPresent()))
        .toList();
  }

  /** Walks one batch; returns the node that never came back, if the failure names one of them. */
  private Optional<String> upgradeBatch(
      ClusterApi api,
      String cluster,
      List<SimulatedNode> batch,
      PatchTarget target,
      Duration perNode,
      InjectedFailure failure) {
    String drainedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (SimulatedNode node : batch) {
      log.info("Upgrading simulated node {} of {} to {}", node.name(), cluster, target.describe());
      writeNode(api, node.name(), true, drainedAt);
    }
    pause(perNode.dividedBy(2));
    Map<String, KubeObject> rebooting = new LinkedHashMap<>();
    for (SimulatedNode node : batch) {
      KubeObject current =
          api.get(NODE, null, node.name()).orElseThrow(() -> gone(cluster, node.name()));
      rebooting.put(
          node.name(),
          api.replaceStatus(
              current,
              status(
                  node.name(),
                  node.image().patchedTo(target),
                  "False",
                  "KubeletNotReady",
                  "node is rebooting")));
    }
    pause(perNode.minus(perNode.dividedBy(2)));
    Optional<String> stuck = Optional.empty();
    for (SimulatedNode node : batch) {
      if (failure instanceof InjectedFailure.NeverReady never && never.stops(node.name(), target)) {
        stuck = Optional.of(node.name());
        continue;
      }
      api.replaceStatus(
          rebooting.get(node.name()),
          status(
              node.name(),
              node.image().patchedTo(target),
              "True",
              "KubeletReady",
              "kubelet is posting ready"));
      writeNode(api, node.name(), false, null);
    }
    return stuck;
  }

  /**
   * Applies the simulator's whole part of a node: its labels, whether it is cordoned and the drain
   * marker. Server-side apply removes what a manager stops sending, so the marker is removed by
   * leaving it out.
   */
  private static KubeObject writeNode(
      ClusterApi api, String name, boolean cordoned, String drainedAt) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put(
        "labels",
        Map.of(
            SIMULATED_LABEL,
            "true",
            "kubernetes.io/hostname",
            name,
            "kubernetes.io/os",
            "linux",
            "kubernetes.io/arch",
            "amd64"));
    if (drainedAt != null) {
      metadata.put("annotations", Map.of(DRAIN_ANNOTATION, drainedAt));
    }
    return api.applyAs(
        FIELD_MANAGER,
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Node",
            "metadata",
            metadata,
            "spec",
            Map.of("unschedulable", cordoned)));
  }

  private static Map<String, Object> status(
      String name, NodeImage image, String ready, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, Object> nodeInfo = new LinkedHashMap<>();
    String id =
        UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    nodeInfo.put("machineID", id.replace("-", ""));
    nodeInfo.put("systemUUID", id);
    nodeInfo.put("bootID", UUID.randomUUID().toString());
    nodeInfo.put("kernelVersion", image.kernelVersion());
    nodeInfo.put("osImage", image.osImage());
    nodeInfo.put("containerRuntimeVersion", image.containerRuntimeVersion());
    nodeInfo.put("kubeletVersion", image.kubeletVersion());
    nodeInfo.put("operatingSystem", "linux");
    nodeInfo.put("architecture", "amd64");
    Map<String, Object> resources = Map.of("cpu", "4", "memory", "16Gi", "pods", "110");
    int host = Math.floorMod(name.hashCode(), 250) + 2;
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("nodeInfo", nodeInfo);
    status.put("capacity", resources);
    status.put("allocatable", resources);
    status.put(
        "addresses",
        List.of(
            Map.of("type", "InternalIP", "address", "10.128.0." + host),
            Map.of("type", "Hostname", "address", name)));
    status.put(
        "conditions",
        List.of(
            Map.of(
                "type", "Ready",
                "status", ready,
                "reason", reason,
                "message", message,
                "lastHeartbeatTime", now,
                "lastTransitionTime", now)));
    return status;
  }

  private static NodeImage imageOf(KubeObject node) {
    return new NodeImage(
        node.text("status", "nodeInfo", "kubeletVersion").orElse(""),
        node.text("status", "nodeInfo", "kernelVersion").orElse(""),
        node.text("status", "nodeInfo", "osImage").orElse(""),
        node.text("status", "nodeInfo", "containerRuntimeVersion").orElse(""));
  }

  private static boolean ready(KubeObject node) {
    var conditions = node.at("status", "conditions");
    if (conditions.isEmpty() || !conditions.get().isJsonArray()) {
      return false;
    }
    for (var condition : conditions.get().getAsJsonArray()) {
      var c = condition.getAsJsonObject();
      if (c.has("type") && c.get("type").getAsString().equals("Ready")) {
        return c.has("status") && c.get("status").getAsString().equals("True");
      }
    }
    return false;
  }

  private static KubeException gone(String cluster, String name) {
    return new KubeException("Node " + name + " of " + cluster + " vanished during its upgrade");
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("Interrupted during a simulated node upgrade", e);
    }
  }
}
