package io.fleetgate.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.patch.PatchTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sandbox Cluster's managed topology ({@code spec.topology}, Cluster API v1beta2) asks of
 * its nodes: the kubelet version ({@code version}), the kernel and the OS image (the variables
 * {@value #KERNEL_VARIABLE} and {@value #OS_IMAGE_VARIABLE}), and how many nodes may be down at
 * once ({@code workers.machineDeployments[*].rollout.strategy.rollingUpdate.maxUnavailable}).
 *
 * <p>A part the topology does not give is left as the nodes have it. A value of the wrong type is
 * left out the same way and named in {@link #problems}; a maxUnavailable that is not a positive
 * whole number means one node at a time.
 *
 * @param desired the parts the topology gives; the kubelet version always with a leading {@code v},
 *     as kubelets report it
 * @param maxUnavailable nodes upgraded at a time: the smallest positive whole number any machine
 *     deployment gives, else 1
 * @param problems values that were left out, and why
 */
public record ClusterTopology(PatchTarget desired, int maxUnavailable, List<String> problems) {

  /** The ClusterClass every sandbox Cluster names (none exists: no topology controller runs). */
  public static final String CLASS = "sandbox";

  public static final String WORKER_CLASS = "default-worker";
  public static final String WORKERS = "workers";
  public static final String KERNEL_VARIABLE = "nodeKernelVersion";
  public static final String OS_IMAGE_VARIABLE = "nodeOSImage";

  /** More nodes than a simulated cluster has: a larger maxUnavailable means all of them. */
  static final int MOST_NODES = 1_000;

  public ClusterTopology {
    problems = List.copyOf(problems);
  }

  /** The {@code spec.topology} a sandbox Cluster is created with, its nodes at {@code image}. */
  public static Map<String, Object> declaring(NodeImage image) {
    Map<String, Object> topology = new LinkedHashMap<>();
    topology.put("classRef", Map.of("name", CLASS));
    topology.put("version", image.kubeletVersion());
    topology.put(
        "variables",
        List.of(
            Map.of("name", KERNEL_VARIABLE, "value", image.kernelVersion()),
            Map.of("name", OS_IMAGE_VARIABLE, "value", image.osImage())));
    topology.put(
        "workers",
        Map.of("machineDeployments", List.of(Map.of("class", WORKER_CLASS, "name", WORKERS))));
    return topology;
  }

  /** The topology of a Cluster object; empty when it has none. */
  public static Optional<ClusterTopology> of(KubeObject cluster) {
    Optional<JsonElement> spec = cluster.at("spec", "topology");
    if (spec.isEmpty() || !spec.get().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject topology = spec.get().getAsJsonObject();
    List<String> problems = new ArrayList<>();
    String version = text(topology.get("version"), "spec.topology.version", problems);
    if (version != null && !version.startsWith("v")) {
      version = "v" + version;
    }
    String kernel = null;
    String osImage = null;
    for (JsonObject variable : objects(topology.get("variables"))) {
      String name = nameOf(variable);
      String field = "spec.topology.variables[" + name + "].value";
      if (name.equals(KERNEL_VARIABLE)) {
        kernel = text(variable.get("value"), field, problems);
      } else if (name.equals(OS_IMAGE_VARIABLE)) {
        osImage = text(variable.get("value"), field, problems);
      }
    }
    return Optional.of(
        new ClusterTopology(
            new PatchTarget(version, kernel, osImage),
            maxUnavailable(topology, problems),
            problems));
  }

  private static int maxUnavailable(JsonObject topology, List<String> problems) {
    JsonElement workers = topology.get("workers");
    int smallest = Integer.MAX_VALUE;
    if (workers != null && workers.isJsonObject()) {
      for (JsonObject deployment : objects(workers.getAsJsonObject().get("machineDeployments"))) {
        JsonElement value =
            new KubeObject(deployment)
                .at("rollout", "strategy", "rollingUpdate", "maxUnavailable")
                .orElse(null);
        if (value == null) {
          continue;
        }
        String name = nameOf(deployment);
        if (value instanceof JsonPrimitive p && p.isNumber() && wholeAndPositive(p)) {
          smallest = Math.min(smallest, (int) Math.min(MOST_NODES, p.getAsLong()));
        } else {
          problems.add(
              "spec.topology.workers.machineDeployments["
                  + name
                  + "].rollout.strategy.rollingUpdate.maxUnavailable "
                  + shortened(value.toString())
                  + " is not a positive whole number; the sandbox upgrades its nodes one at a"
                  + " time");
        }
      }
    }
    return smallest == Integer.MAX_VALUE ? 1 : smallest;
  }

  private static boolean wholeAndPositive(JsonPrimitive number) {
    double value = number.getAsDouble();
    return value >= 1 && value == Math.rint(value);
  }

  private static String text(JsonElement value, String field, List<String> problems) {
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (value instanceof JsonPrimitive p && p.isString()) {
      return p.getAsString().isBlank() ? null : p.getAsString().strip();
    }
    problems.add(field + " is not a string; that part of the nodes is left as it is");
    return null;
  }

  private static String nameOf(JsonObject item) {
    return item.get("name") instanceof JsonPrimitive p ? shortened(p.getAsString()) : "";
  }

  /** A value from the object, cut so that a problem stays one readable line. */
  private static String shortened(String value) {
    return value.length() <= 64 ? value : value.substring(0, 63) + "…";
  }

  private static List<JsonObject> objects(JsonElement list) {
    if (list == null || !list.isJsonArray()) {
      return List.of();
    }
    List<JsonObject> objects = new ArrayList<>();
    for (JsonElement item : list.getAsJsonArray()) {
      if (item.isJsonObject()) {
        objects.add(item.getAsJsonObject());
      }
    }
    return objects;
  }
}
