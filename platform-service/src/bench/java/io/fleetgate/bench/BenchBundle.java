package io.fleetgate.bench;

import io.fleetgate.testing.FleetRepo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The benchmarks' fleet: one bundle that every cluster selects, holding a namespace as the example
 * fleet declares them (owner and Pod Security labels, a default-deny NetworkPolicy, so that it
 * passes the built-in policies including the change-set ones) and {@code configMaps} ConfigMaps of
 * application settings. The raw baselines apply the very same ConfigMap documents.
 */
final class BenchBundle {

  static final String FLEET =
      """
      apiVersion: fleetgate.io/v1alpha1
      kind: Fleet
      metadata:
        name: bench
      spec:
        clusterOverlays: false
        bundles:
          - name: bench
            path: bench
            clusterSelector: {}
      """;

  private final String namespace;
  private final int configMaps;

  BenchBundle(String namespace, int configMaps) {
    this.namespace = namespace;
    this.configMaps = configMaps;
  }

  /** Writes {@code fleet.yaml} and the bundle with every ConfigMap at {@code round}. */
  void writeTo(FleetRepo repo, int round) {
    repo.write("fleet.yaml", FLEET);
    repo.write("bench/namespace.yaml", namespaceYaml());
    repo.write("bench/config-maps.yaml", configMapsYaml(round));
  }

  /** Every ConfigMap at {@code round}, as one YAML stream. */
  String configMapsYaml(int round) {
    StringBuilder yaml = new StringBuilder();
    Yaml dumper = yaml();
    for (Map<String, Object> configMap : configMaps(namespace, round)) {
      yaml.append("---\n").append(dumper.dump(configMap));
    }
    return yaml.toString();
  }

  /** The namespace with its owner, Pod Security level and default-deny NetworkPolicy. */
  String namespaceYaml() {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %1$s
          labels:
            fleetgate.io/owner: platform-team
            pod-security.kubernetes.io/enforce: restricted
        ---
        # Nothing reaches or leaves the namespace unless a further policy allows it.
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: %1$s
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        """
        .formatted(namespace);
  }

  /** The bundle's ConfigMaps at {@code round}, in {@code where} (the raw baselines' namespace). */
  List<Map<String, Object>> configMaps(String where, int round) {
    List<Map<String, Object>> all = new ArrayList<>(configMaps);
    for (int i = 0; i < configMaps; i++) {
      all.add(configMap(where, "settings-" + i, round));
    }
    return all;
  }

  /** One ConfigMap of ~0.5 KB of application settings whose {@code round} key marks the commit. */
  static Map<String, Object> configMap(String namespace, String name, int round) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    metadata.put(
        "labels",
        Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "bench-services"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("round", Integer.toString(round));
    data.put(
        "application.properties",
        """
        server.port=8443
        server.shutdown=graceful
        logging.level.root=info
        logging.format=json
        feature.instant-payouts=true
        feature.new-ledger=false
        client.timeout-ms=2500
        client.retries=3
        cache.ttl-seconds=300
        metrics.export=prometheus
        revision=%d
        """
            .formatted(round));
    Map<String, Object> configMap = new LinkedHashMap<>();
    configMap.put("apiVersion", "v1");
    configMap.put("kind", "ConfigMap");
    configMap.put("metadata", metadata);
    configMap.put("data", data);
    return configMap;
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options);
  }
}
