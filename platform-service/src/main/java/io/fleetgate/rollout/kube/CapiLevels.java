package io.fleetgate.rollout.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.rollout.RolloutTarget;
import io.fleetgate.rollout.run.ClusterLevels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's node levels as its Cluster API objects in the management cluster declare them.
 *
 * <ul>
 *   <li>A Cluster with a managed topology ({@code spec.topology}): the Kubernetes version is {@code
 *       spec.topology.version}; the kernel and the OS image are the topology variables {@value
 *       #KERNEL_VARIABLE} and {@value #OS_IMAGE_VARIABLE}, which its ClusterClass declares and
 *       patches into its machine templates; the nodes down at a time go to each {@code
 *       spec.topology.workers.machineDeployments[].rollout.strategy.rollingUpdate.maxUnavailable}.
 *   <li>Any other Cluster: the Kubernetes version is {@code spec.version} of the
 *       KubeadmControlPlane its {@code spec.controlPlaneRef} names and {@code
 *       spec.template.spec.version} of each of its MachineDeployments (with their {@code
 *       spec.rollout.strategy.rollingUpdate.maxUnavailable}); a kernel or an OS image cannot be
 *       declared there.
 * </ul>
 *
 * <p>Writes are server-side applies as {@value #FIELD_MANAGER}. A field another manager applies (a
 * GitOps controller that owns the Cluster objects) is a conflict Fleetgate does not fight; a field
 * last set by an update (created by {@code kubectl create}, edited by hand) is taken over.
 */
public final class CapiLevels implements ClusterLevels {

  public static final String FIELD_MANAGER = "fleetgate-rollout";
  public static final String KERNEL_VARIABLE = "nodeKernelVersion";
  public static final String OS_IMAGE_VARIABLE = "nodeOSImage";

  static final GroupVersionKind CLUSTER =
      GroupVersionKind.of("cluster.x-k8s.io/v1beta2", "Cluster");
  static final GroupVersionKind MACHINE_DEPLOYMENT =
      GroupVersionKind.of("cluster.x-k8s.io/v1beta2", "MachineDeployment");
  static final GroupVersionKind KUBEADM_CONTROL_PLANE =
      GroupVersionKind.of("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlane");

  private final ClusterApi management;

  public CapiLevels(ClusterApi management) {
    this.management = management;
  }

  @Override
  public Declared read(ClusterTarget cluster, RolloutTarget parts) {
    try {
      Optional<KubeObject> found = management.get(CLUSTER, cluster.namespace(), cluster.name());
      if (found.isEmpty()) {
        return new Declared.Unreadable(
            "the management cluster has no Cluster " + cluster.qualifiedName());
      }
      KubeObject object = found.get();
      return object.at("spec", "topology").filter(JsonElement::isJsonObject).isPresent()
          ? Topology.read(object, parts)
          : readOwnObjects(cluster, object, parts);
    } catch (KubeException e) {
      return new Declared.Unreadable("reading its Cluster API objects failed: " + e.getMessage());
    }
  }

  @Override
  public Written write(ClusterTarget cluster, RolloutTarget levels, int maxUnavailableNodes) {
    try {
      Optional<KubeObject> found = management.get(CLUSTER, cluster.namespace(), cluster.name());
      if (found.isEmpty()) {
        return new Written.Failed(
            "the management cluster has no Cluster " + cluster.qualifiedName());
      }
      KubeObject object = found.get();
      if (object.at("spec", "topology").filter(JsonElement::isJsonObject).isPresent()) {
        RolloutTarget kept = Topology.keepingOwn(object, levels);
        return apply(
            object,
            Topology.paths(object, levels),
            Topology.patch(object, kept, maxUnavailableNodes));
      }
      return writeOwnObjects(cluster, object, levels, maxUnavailableNodes);
    } catch (KubeException e) {
      return new Written.Failed("writing its Cluster API objects failed: " + e.getMessage());
    }
  }

  private Declared readOwnObjects(ClusterTarget cluster, KubeObject object, RolloutTarget parts) {
    Optional<String> unsupported = withoutTopology(cluster, parts);
    if (unsupported.isPresent()) {
      return new Declared.Unreadable(unsupported.get());
    }
    if (parts.kubernetesVersion().isEmpty()) {
      return new Declared.Read(
          new RolloutTarget(Optional.empty(), Optional.empty(), Optional.empty()));
    }
    List<String> versions = new ArrayList<>();
    Optional<KubeObject> controlPlane = controlPlane(object);
    controlPlane.flatMap(cp -> cp.text("spec", "version")).ifPresent(versions::add);
    for (KubeObject deployment : machineDeployments(cluster)) {
      deployment.text("spec", "template", "spec", "version").ifPresent(versions::add);
    }
    if (versions.isEmpty()) {
      return new Declared.Unreadable(
          "neither a KubeadmControlPlane nor a MachineDeployment of "
              + cluster.qualifiedName()
              + " declares a Kubernetes version");
    }
    if (versions.stream().distinct().count() > 1) {
      return new Declared.Unreadable(
          "its control plane and MachineDeployments declare different Kubernetes versions ("
              + String.join(", ", versions.stream().distinct().toList())
              + "); finish the upgrade in progress first");
    }
    return new Declared.Read(
        new RolloutTarget(Optional.of(versions.getFirst()), Optional.empty(), Optional.empty()));
  }

  private Written writeOwnObjects(
      ClusterTarget cluster, KubeObject object, RolloutTarget levels, int maxUnavailableNodes) {
    Optional<String> unsupported = withoutTopology(cluster, levels);
    if (unsupported.isPresent()) {
      return new Written.Failed(unsupported.get());
    }
    if (levels.kubernetesVersion().isEmpty()) {
      return new Written.Applied();
    }
    String version = levels.kubernetesVersion().get();
    Optional<KubeObject> controlPlane = controlPlane(object);
    if (controlPlane.isPresent()) {
      Written written =
          apply(
              controlPlane.get(),
              List.of(List.of("f:spec", "f:version")),
              Map.of("spec", Map.of("version", version)));
      if (!(written instanceof Written.Applied)) {
        return written;
      }
    }
    for (KubeObject deployment : machineDeployments(cluster)) {
      Written written =
          apply(
              deployment,
              List.of(List.of("f:spec", "f:template", "f:spec", "f:version")),
              Map.of(
                  "spec",
                  Map.of(
                      "template",
                      Map.of("spec", Map.of("version", version)),
                      "rollout",
                      Map.of(
                          "strategy",
                          Map.of(
                              "type",
                              "RollingUpdate",
                              "rollingUpdate",
                              Map.of("maxUnavailable", maxUnavailableNodes))))));
      if (!(written instanceof Written.Applied)) {
        return written;
      }
    }
    return new Written.Applied();
  }

  private static Optional<String> withoutTopology(ClusterTarget cluster, RolloutTarget parts) {
    if (parts.kernelVersion().isEmpty() && parts.osImage().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Cluster "
            + cluster.qualifiedName()
            + " has no managed topology (spec.topology), so a kernel or an OS image cannot be"
            + " declared for its nodes: give it a ClusterClass declaring the variables "
            + KERNEL_VARIABLE
            + " and "
            + OS_IMAGE_VARIABLE
            + ", or roll out only a Kubernetes version");
  }

  private Optional<KubeObject> controlPlane(KubeObject cluster) {
    Optional<String> kind = cluster.text("spec", "controlPlaneRef", "kind");
    Optional<String> name = cluster.text("spec", "controlPlaneRef", "name");
    if (kind.isEmpty() || name.isEmpty() || !kind.get().equals(KUBEADM_CONTROL_PLANE.kind())) {
      return Optional.empty();
    }
    return management.get(KUBEADM_CONTROL_PLANE, cluster.namespace(), name.get());
  }

  private List<KubeObject> machineDeployments(ClusterTarget cluster) {
    return management.list(MACHINE_DEPLOYMENT).stream()
        .filter(d -> d.namespace().equals(cluster.namespace()))
        .filter(d -> d.text("spec", "clusterName").orElse("").equals(cluster.name()))
        .toList();
  }

  /**
   * Applies {@code spec} to the object unless another manager applies one of {@code paths} (as
   * {@code managedFields} name them); fields last set by updates are taken over.
   */
  private Written apply(KubeObject object, List<List<String>> paths, Map<String, Object> spec) {
    Optional<String> owner = ManagedFields.otherApplier(object, paths, FIELD_MANAGER);
    if (owner.isPresent()) {
      return new Written.Conflict(
          object.gvk().kind()
              + " "
              + object.namespace()
              + "/"
              + object.name()
              + ": "
              + owner.get()
              + " applies these fields too; Fleetgate does not fight it. Let one of the two roll"
              + " out versions (remove the fields from what "
              + owner.get().split(" ")[0]
              + " applies, or roll out through it)");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", object.gvk().apiVersion());
    body.put("kind", object.gvk().kind());
    body.put("metadata", Map.of("name", object.name(), "namespace", object.namespace()));
    body.putAll(spec);
    management.applyAs(FIELD_MANAGER, body, true);
    return new Written.Applied();
  }

  /** The fields of a Cluster's managed topology. */
  static final class Topology {

    private Topology() {}

    static Declared read(KubeObject cluster, RolloutTarget parts) {
      Optional<String> version = Optional.empty();
      if (parts.kubernetesVersion().isPresent()) {
        version = cluster.text("spec", "topology", "version");
        if (version.isEmpty()) {
          return new Declared.Unreadable(
              "Cluster " + name(cluster) + " declares no spec.topology.version");
        }
      }
      Optional<String> kernel = Optional.empty();
      if (parts.kernelVersion().isPresent()) {
        kernel = variable(cluster, KERNEL_VARIABLE);
        if (kernel.isEmpty()) {
          return new Declared.Unreadable(missingVariable(cluster, KERNEL_VARIABLE));
        }
      }
      Optional<String> osImage = Optional.empty();
      if (parts.osImage().isPresent()) {
        osImage = variable(cluster, OS_IMAGE_VARIABLE);
        if (osImage.isEmpty()) {
          return new Declared.Unreadable(missingVariable(cluster, OS_IMAGE_VARIABLE));
        }
      }
      return new Declared.Read(new RolloutTarget(version, kernel, osImage));
    }

    /**
     * The levels to apply: those given, and every other part this manager declared before with its
     * value now. Server-side apply removes a field its manager stops sending; a variable left
     * without its value would make the Cluster invalid.
     */
    static RolloutTarget keepingOwn(KubeObject cluster, RolloutTarget levels) {
      Optional<String> version =
          levels
              .kubernetesVersion()
              .or(
                  () ->
                      ManagedFields.ownedBy(
                              cluster, List.of("f:spec", "f:topology", "f:version"), FIELD_MANAGER)
                          ? cluster.text("spec", "topology", "version")
                          : Optional.empty());
      Optional<String> kernel =
          levels.kernelVersion().or(() -> ownVariable(cluster, KERNEL_VARIABLE));
      Optional<String> osImage = levels.osImage().or(() -> ownVariable(cluster, OS_IMAGE_VARIABLE));
      return new RolloutTarget(version, kernel, osImage);
    }

    private static Optional<String> ownVariable(KubeObject cluster, String name) {
      return ManagedFields.ownedBy(cluster, variablePath(name), FIELD_MANAGER)
          ? variable(cluster, name)
          : Optional.empty();
    }

    static List<List<String>> paths(KubeObject cluster, RolloutTarget levels) {
      List<List<String>> paths = new ArrayList<>();
      cluster
          .at("spec", "topology", "workers", "machineDeployments")
          .filter(JsonElement::isJsonArray)
          .ifPresent(
              all -> {
                for (JsonElement one : all.getAsJsonArray()) {
                  if (one.isJsonObject() && one.getAsJsonObject().has("name")) {
                    paths.add(
                        List.of(
                            "f:spec",
                            "f:topology",
                            "f:workers",
                            "f:machineDeployments",
                            "k:{\"name\":\""
                                + one.getAsJsonObject().get("name").getAsString()
                                + "\"}",
                            "f:rollout"));
                  }
                }
              });
      levels
          .kubernetesVersion()
          .ifPresent(v -> paths.add(List.of("f:spec", "f:topology", "f:version")));
      levels.kernelVersion().ifPresent(v -> paths.add(variablePath(KERNEL_VARIABLE)));
      levels.osImage().ifPresent(v -> paths.add(variablePath(OS_IMAGE_VARIABLE)));
      return paths;
    }

    static Map<String, Object> patch(KubeObject cluster, RolloutTarget levels, int maxUnavailable) {
      Map<String, Object> topology = new LinkedHashMap<>();
      levels.kubernetesVersion().ifPresent(v -> topology.put("version", v));
      List<Map<String, Object>> variables = new ArrayList<>();
      levels
          .kernelVersion()
          .ifPresent(v -> variables.add(Map.of("name", KERNEL_VARIABLE, "value", v)));
      levels.osImage().ifPresent(v -> variables.add(Map.of("name", OS_IMAGE_VARIABLE, "value", v)));
      if (!variables.isEmpty()) {
        topology.put("variables", variables);
      }
      List<Map<String, Object>> deployments = new ArrayList<>();
      cluster
          .at("spec", "topology", "workers", "machineDeployments")
          .filter(JsonElement::isJsonArray)
          .ifPresent(
              all -> {
                for (JsonElement one : all.getAsJsonArray()) {
                  if (one.isJsonObject() && one.getAsJsonObject().has("name")) {
                    JsonObject md = one.getAsJsonObject();
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", md.get("name").getAsString());
                    entry.put(
                        "rollout",
                        Map.of(
                            "strategy",
                            Map.of(
                                "type",
                                "RollingUpdate",
                                "rollingUpdate",
                                Map.of("maxUnavailable", maxUnavailable))));
                    deployments.add(entry);
                  }
                }
              });
      if (!deployments.isEmpty()) {
        topology.put("workers", Map.of("machineDeployments", deployments));
      }
      return Map.of("spec", Map.of("topology", topology));
    }

    private static List<String> variablePath(String variable) {
      return List.of(
          "f:spec", "f:topology", "f:variables", "k:{\"name\":\"" + variable + "\"}", "f:value");
    }

    private static Optional<String> variable(KubeObject cluster, String name) {
      Optional<JsonElement> variables = cluster.at("spec", "topology", "variables");
      if (variables.isEmpty() || !variables.get().isJsonArray()) {
        return Optional.empty();
      }
      for (JsonElement one : variables.get().getAsJsonArray()) {
        if (one.isJsonObject()
            && one.getAsJsonObject().has("name")
            && name.equals(one.getAsJsonObject().get("name").getAsString())
            && one.getAsJsonObject().has("value")
            && one.getAsJsonObject().get("value").isJsonPrimitive()) {
          return Optional.of(one.getAsJsonObject().get("value").getAsString());
        }
      }
      return Optional.empty();
    }

    private static String missingVariable(KubeObject cluster, String variable) {
      return "Cluster "
          + name(cluster)
          + " declares no topology variable "
          + variable
          + ": its ClusterClass must declare "
          + variable
          + " and patch it into its machine templates for Fleetgate to roll it out";
    }

    private static String name(KubeObject cluster) {
      return cluster.namespace() + "/" + cluster.name();
    }
  }
}
