package io.fleetgate.testing;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.tools.ToolCache;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Installs CRDs that bin/setup fetched (a directory of the tool cache) into a cluster, and waits
 * until the API server serves them.
 */
public final class Crds {

  private static final GroupVersionKind CRD =
      new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition");

  private Crds() {}

  /**
   * @param entry the tool cache's entry ({@code openreports-crds})
   * @param names the CRDs to wait for ({@code reports.openreports.io})
   */
  @SuppressWarnings("unchecked")
  public static void install(ClusterApi cluster, String entry, List<String> names)
      throws Exception {
    Path crds = ToolCache.locate().path(entry);
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 << 20);
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
            if (document instanceof Map<?, ?> crd) {
              cluster.apply((Map<String, Object>) crd);
            }
          }
        }
      }
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean ready = true;
      for (String name : names) {
        ready &= cluster.get(CRD, null, name).map(Crds::established).orElse(false);
      }
      if (ready) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the CRDs " + names + " were not established");
  }

  /** The Prometheus Operator's {@code PrometheusRule} CRD. */
  public static void installPrometheusRule(ClusterApi cluster) throws Exception {
    install(cluster, "prometheus-operator-crds", List.of("prometheusrules.monitoring.coreos.com"));
  }

  private static boolean established(KubeObject crd) {
    for (var condition :
        crd.at("status", "conditions")
            .map(c -> c.getAsJsonArray())
            .orElse(new com.google.gson.JsonArray())) {
      var c = condition.getAsJsonObject();
      if ("Established".equals(c.get("type").getAsString())
          && "True".equals(c.get("status").getAsString())) {
        return true;
      }
    }
    return false;
  }
}
