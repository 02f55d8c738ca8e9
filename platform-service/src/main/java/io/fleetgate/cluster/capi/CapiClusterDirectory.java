package io.fleetgate.cluster.capi;

import com.google.gson.JsonElement;
import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the fleet from a management cluster the way Cluster API's own controllers do. */
public final class CapiClusterDirectory implements ClusterDirectory {

  /** The Cluster API version Fleetgate reads: v1beta2, the storage version since CAPI 1.11. */
  public static final GroupVersionKind CLUSTER =
      new GroupVersionKind("cluster.x-k8s.io", "v1beta2", "Cluster");

  public static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");

  /** Suffix of the Secret holding a cluster's admin kubeconfig. */
  public static final String KUBECONFIG_SECRET_SUFFIX = "-kubeconfig";

  /** Data key of the kubeconfig inside that Secret. */
  public static final String KUBECONFIG_KEY = "value";

  private final ClusterApi management;

  public CapiClusterDirectory(ClusterApi management) {
    this.management = management;
  }

  @Override
  public Discovery discover() {
    List<ClusterAccess> clusters = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<ClusterTarget> unusable = new ArrayList<>();
    List<KubeObject> declared =
        management.list(CLUSTER).stream()
            .sorted(Comparator.comparing(KubeObject::namespace).thenComparing(KubeObject::name))
            .toList();
    // Each cluster's kubeconfig Secret is read side by side with the others'.
    List<java.util.concurrent.Future<Optional<Kubeconfig>>> reads = new ArrayList<>();
    List<ClusterTarget> targets = declared.stream().map(CapiClusterDirectory::toTarget).toList();
    try (var readers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (ClusterTarget target : targets) {
        reads.add(readers.submit(() -> kubeconfigOf(target)));
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      ClusterTarget target = targets.get(i);
      kubeconfig(reads.get(i))
          .ifPresentOrElse(
              kubeconfig -> clusters.add(new ClusterAccess(target, kubeconfig)),
              () -> {
                unusable.add(target);
                problems.add(
                    "Cluster "
                        + target.qualifiedName()
                        + " has no readable Secret "
                        + target.name()
                        + KUBECONFIG_SECRET_SUFFIX
                        + " with data key '"
                        + KUBECONFIG_KEY
                        + "'; it is skipped until Cluster API writes one.");
              });
    }
    return new Discovery(clusters, problems, unusable);
  }

  static ClusterTarget toTarget(KubeObject cluster) {
    Map<String, String> labels = new LinkedHashMap<>();
    cluster
        .at("metadata", "labels")
        .filter(JsonElement::isJsonObject)
        .ifPresent(
            json ->
                json.getAsJsonObject()
                    .entrySet()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().getAsString())));
    String phase = cluster.at("status", "phase").map(JsonElement::getAsString).orElse(null);
    return new ClusterTarget(
        cluster.namespace(), cluster.name(), labels, ClusterPhase.parse(phase));
  }

  /** The read's kubeconfig; a failure to read the Secret is thrown as it was. */
  private static Optional<Kubeconfig> kubeconfig(
      java.util.concurrent.Future<Optional<Kubeconfig>> read) {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.fleetgate.kube.KubeException("Interrupted while reading kubeconfig Secrets", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new io.fleetgate.kube.KubeException(
          "Reading a kubeconfig Secret failed: " + e.getCause(), e);
    }
  }

  private Optional<Kubeconfig> kubeconfigOf(ClusterTarget target) {
    String secretName = target.name() + KUBECONFIG_SECRET_SUFFIX;
    return management
        .get(SECRET, target.namespace(), secretName)
        .flatMap(secret -> secret.at("data", KUBECONFIG_KEY))
        .map(
            encoded ->
                new Kubeconfig(
                    "Secret " + target.namespace() + "/" + secretName,
                    new String(
                        Base64.getDecoder().decode(encoded.getAsString()),
                        StandardCharsets.UTF_8)));
  }
}
