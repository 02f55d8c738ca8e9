package io.fleetgate.bench;

import com.google.gson.JsonElement;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodePatchLevel;
import io.fleetgate.patch.NodeSource;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.rollout.kube.CapiLevels;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The rollout benchmark's baseline: the same kernel rollout done the way a careful script would do
 * it without Fleetgate. Wave by wave, at most {@code maxParallel} clusters at a time, it reads each
 * cluster's {@code Cluster} and server-side-applies its topology variable {@code nodeKernelVersion}
 * and its machine deployments' {@code maxUnavailable} as the field manager Fleetgate's rollouts
 * use, with force (the field was last set by a create); then it reads the clusters' Nodes every
 * {@code pollEvery} (through the same reader Fleetgate uses, the clusters side by side) until each
 * one's nodes are on the new kernel and Ready, starting the next cluster of the wave as one
 * finishes. No state, no audit, no gates.
 */
final class ScriptedRollout {

  private static final GroupVersionKind CLUSTER =
      GroupVersionKind.of("cluster.x-k8s.io/v1beta2", "Cluster");

  /** One wave: its clusters in order and how many at a time. */
  record Wave(List<String> clusters, int maxParallel) {}

  private final ClusterApi management;
  private final NodeSource nodes;
  private final Map<String, ClusterAccess> access;
  private final Duration pollEvery;

  ScriptedRollout(
      ClusterApi management, NodeSource nodes, List<ClusterAccess> clusters, Duration pollEvery) {
    this.management = management;
    this.nodes = nodes;
    this.access = new LinkedHashMap<>();
    clusters.forEach(c -> access.put(c.target().name(), c));
    this.pollEvery = pollEvery;
  }

  /** Rolls {@code kernel} out wave after wave; returns when every wave's nodes are on it. */
  void run(List<Wave> waves, String kernel, int maxUnavailable, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    PatchTarget target = new PatchTarget(null, kernel, null);
    for (Wave wave : waves) {
      Deque<String> waiting = new ArrayDeque<>(wave.clusters());
      List<String> inFlight = new ArrayList<>();
      while (!waiting.isEmpty() || !inFlight.isEmpty()) {
        while (inFlight.size() < wave.maxParallel() && !waiting.isEmpty()) {
          String cluster = waiting.removeFirst();
          declare(cluster, kernel, maxUnavailable);
          inFlight.add(cluster);
        }
        Thread.sleep(pollEvery);
        inFlight.removeAll(finished(inFlight, target));
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the scripted rollout to kernel "
                  + kernel
                  + " did not finish within "
                  + timeout.toSeconds()
                  + " s; still waiting for "
                  + inFlight);
        }
      }
    }
  }

  /** Server-side-applies the kernel variable and maxUnavailable to the cluster's topology. */
  private void declare(String cluster, String kernel, int maxUnavailable) {
    KubeObject object =
        management
            .get(CLUSTER, "fleet", cluster)
            .orElseThrow(() -> new IllegalStateException("no Cluster fleet/" + cluster));
    List<Map<String, Object>> deployments = new ArrayList<>();
    for (JsonElement one :
        object
            .at("spec", "topology", "workers", "machineDeployments")
            .orElseThrow(() -> new IllegalStateException(cluster + " has no machine deployments"))
            .getAsJsonArray()) {
      deployments.add(
          Map.of(
              "name",
              one.getAsJsonObject().get("name").getAsString(),
              "class",
              one.getAsJsonObject().get("class").getAsString(),
              "rollout",
              Map.of(
                  "strategy",
                  Map.of(
                      "type",
                      "RollingUpdate",
                      "rollingUpdate",
                      Map.of("maxUnavailable", maxUnavailable)))));
    }
    management.applyAs(
        CapiLevels.FIELD_MANAGER,
        Map.of(
            "apiVersion",
            CLUSTER.apiVersion(),
            "kind",
            CLUSTER.kind(),
            "metadata",
            Map.of("name", cluster, "namespace", "fleet"),
            "spec",
            Map.of(
                "topology",
                Map.of(
                    "variables",
                    List.of(Map.of("name", CapiLevels.KERNEL_VARIABLE, "value", kernel)),
                    "workers",
                    Map.of("machineDeployments", deployments)))),
        true);
  }

  /** The clusters of {@code inFlight} whose every node is on the target and Ready. */
  private List<String> finished(List<String> inFlight, PatchTarget target) throws Exception {
    List<String> done = new ArrayList<>();
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<NodeListing>> reads = new LinkedHashMap<>();
      for (String cluster : inFlight) {
        reads.put(cluster, readers.submit(() -> nodes.read(access.get(cluster))));
      }
      for (var read : reads.entrySet()) {
        if (read.getValue().get() instanceof NodeListing.Listed listed
            && !listed.nodes().isEmpty()
            && listed.nodes().stream().allMatch(target::upToDate)) {
          done.add(read.getKey());
        }
      }
    }
    return done;
  }

  /** Fails unless every node of every cluster named is on {@code kernel} and Ready. */
  void requireOn(List<String> clusters, String kernel, int nodesEach) {
    PatchTarget target = new PatchTarget(null, kernel, null);
    for (String cluster : clusters) {
      NodeListing listing = nodes.read(access.get(cluster));
      if (!(listing instanceof NodeListing.Listed listed)) {
        throw new IllegalStateException(cluster + "'s nodes cannot be read: " + listing);
      }
      List<NodePatchLevel> behind =
          listed.nodes().stream().filter(n -> !target.upToDate(n)).toList();
      if (listed.nodes().size() != nodesEach || !behind.isEmpty()) {
        throw new IllegalStateException(
            cluster
                + " has "
                + listed.nodes().size()
                + " node(s), not "
                + nodesEach
                + " all on kernel "
                + kernel
                + " and Ready; behind: "
                + behind);
      }
    }
  }
}
