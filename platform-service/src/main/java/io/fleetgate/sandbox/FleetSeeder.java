package io.fleetgate.sandbox;

import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Declares the workload clusters in the management cluster as Cluster API would: the CAPI CRDs, one
 * {@code Cluster} per workload cluster and its {@code <name>-kubeconfig} Secret. Every write is a
 * server-side apply, so seeding again converges instead of failing; only a new Cluster's topology
 * is written with a plain create (see {@link #declare}).
 */
final class FleetSeeder {

  /** The management-cluster namespace holding the sandbox's {@code Cluster} objects. */
  static final String NAMESPACE = "fleet";

  /** The field manager of the topology the seeder creates a Cluster with (an Update operation). */
  static final String TOPOLOGY_MANAGER = "fleetgate-sandbox";

  private static final Logger log = LoggerFactory.getLogger(FleetSeeder.class);
  private static final GroupVersionKind CRD =
      new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition");
  private static final Duration ESTABLISH_TIMEOUT = Duration.ofSeconds(30);

  private final ClusterApi management;

  FleetSeeder(ClusterApi management) {
    this.management = management;
  }

  /** Installs every Cluster API CRD from the directory and waits until each is established. */
  void installCrds(Path crdDir) {
    List<Map<String, Object>> crds = new ArrayList<>();
    try (Stream<Path> files = Files.list(crdDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        crds.addAll(loadTrusted(file));
      }
    } catch (IOException e) {
      throw new SandboxException(
          "Cannot read the Cluster API CRDs in " + crdDir + ": " + e.getMessage(), e);
    }
    log.info("Applying {} Cluster API CRDs", crds.size());
    List<String> names = crds.stream().map(crd -> management.apply(crd).name()).toList();
    names.forEach(this::awaitEstablished);
  }

  /**
   * Declares one workload cluster; returns its {@code Cluster} object as stored.
   *
   * <p>A Cluster that does not exist yet is first created, with a plain create as {@value
   * #TOPOLOGY_MANAGER}, with a managed topology declaring {@code nodes} ({@link
   * ClusterTopology#declaring}); the fields this seeder applies afterwards never include the
   * topology, so seeding again never resets it (a demo restarted mid-rollout keeps its versions)
   * and a rollout's server-side apply of the version takes it over without a conflict.
   *
   * @param nodes the image the cluster's nodes start with
   */
  KubeObject declare(WorkloadProfile profile, String kubeconfig, int port, NodeImage nodes) {
    management.apply(
        Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", NAMESPACE)));
    management.apply(
        Map.of(
            "apiVersion", "v1",
            "kind", "Secret",
            "type", "cluster.x-k8s.io/secret",
            "metadata",
                Map.of(
                    "name",
                    profile.name() + CapiClusterDirectory.KUBECONFIG_SECRET_SUFFIX,
                    "namespace",
                    NAMESPACE,
                    "labels",
                    Map.of("cluster.x-k8s.io/cluster-name", profile.name())),
            "data",
                Map.of(
                    CapiClusterDirectory.KUBECONFIG_KEY,
                    Base64.getEncoder()
                        .encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("controlPlaneEndpoint", Map.of("host", "127.0.0.1", "port", port));
    spec.put(
        "infrastructureRef",
        Map.of(
            "apiGroup", "infrastructure.cluster.x-k8s.io",
            "kind", profile.infrastructureKind(),
            "name", profile.name()));
    Map<String, Object> cluster =
        Map.of(
            "apiVersion", CapiClusterDirectory.CLUSTER.apiVersion(),
            "kind", CapiClusterDirectory.CLUSTER.kind(),
            "metadata",
                Map.of("name", profile.name(), "namespace", NAMESPACE, "labels", profile.labels()),
            "spec", spec);
    if (management.get(CapiClusterDirectory.CLUSTER, NAMESPACE, profile.name()).isEmpty()) {
      createWithTopology(cluster, spec, nodes);
    }
    return management.apply(cluster);
  }

  private void createWithTopology(
      Map<String, Object> cluster, Map<String, Object> spec, NodeImage nodes) {
    Map<String, Object> withTopology = new LinkedHashMap<>(spec);
    withTopology.put("topology", ClusterTopology.declaring(nodes));
    Map<String, Object> created = new LinkedHashMap<>(cluster);
    created.put("spec", withTopology);
    try {
      management.create(TOPOLOGY_MANAGER, created);
      log.info(
          "Created Cluster {} with topology version {}, kernel {}",
          ((Map<?, ?>) cluster.get("metadata")).get("name"),
          nodes.kubeletVersion(),
          nodes.kernelVersion());
    } catch (KubeException e) {
      if (e.httpStatus() != 409) {
        throw e;
      }
      // Created meanwhile by someone else: its topology is theirs to keep.
    }
  }

  private void awaitEstablished(String crdName) {
    Instant deadline = Instant.now().plus(ESTABLISH_TIMEOUT);
    while (!established(crdName)) {
      if (Instant.now().isAfter(deadline)) {
        throw new SandboxException(
            "CRD "
                + crdName
                + " was not established within "
                + ESTABLISH_TIMEOUT.toSeconds()
                + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SandboxException("Interrupted while waiting for CRD " + crdName, e);
      }
    }
  }

  private boolean established(String crdName) {
    return management
        .get(CRD, null, crdName)
        .flatMap(crd -> crd.at("status", "conditions"))
        .map(
            conditions -> {
              for (var condition : conditions.getAsJsonArray()) {
                var c = condition.getAsJsonObject();
                if ("Established".equals(c.get("type").getAsString())
                    && "True".equals(c.get("status").getAsString())) {
                  return true;
                }
              }
              return false;
            })
        .orElse(false);
  }

  /** Loads YAML documents from a file the tool cache provides (large CRDs, so a generous limit). */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> loadTrusted(Path file) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 << 20);
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
        if (document instanceof Map<?, ?> map) {
          documents.add((Map<String, Object>) map);
        }
      }
    }
    return documents;
  }
}
