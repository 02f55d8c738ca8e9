package io.fleetgate.netpol.peer;

import io.fleetgate.netpol.ConnectionSet;
import io.fleetgate.netpol.Endpoint;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpolsource.NetworkSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Fleetgate's NetworkPolicy engine on a scenario, fed the way {@code fleetgate netpol --dir} is:
 * the model and the policies are written as the manifests a user would keep in a directory ({@code
 * namespaces.yaml} with labelled Namespaces, {@code pods.yaml} as a PodList of bare Pods with their
 * container ports, {@code policies.yaml} as a NetworkPolicyList of the policies exactly as in the
 * scenario, policyTypes left out where the author left them out), read by {@link
 * NetworkSources#directory} and analysed by {@link NetworkAnalysis}. The engine names a bare Pod's
 * endpoint {@code namespace/name[Pod]} and never pairs a workload with itself, so cells of a pod to
 * itself have no verdict here.
 */
final class FleetgateEngine {

  private FleetgateEngine() {}

  /** The engine's verdict on every cell between two different pods. */
  static Map<Verdict.Cell, Connectivity> verdicts(PeerScenario scenario, Path dir) {
    write(scenario, dir);
    ModelRead read = NetworkSources.directory(dir);
    if (!read.ok()) {
      throw new IllegalStateException(
          "Fleetgate cannot read scenario "
              + scenario.name()
              + " in "
              + dir
              + ": "
              + read.problems());
    }
    if (read.model().policies().size() != scenario.policies().size()
        || read.model().workloads().size() != scenario.model().pods().size()) {
      throw new IllegalStateException(
          "Fleetgate read "
              + read.model().policies().size()
              + " policies and "
              + read.model().workloads().size()
              + " workloads of scenario "
              + scenario.name()
              + " in "
              + dir);
    }
    NetworkAnalysis analysis = NetworkAnalysis.of(read.model());
    Map<Verdict.Cell, Connectivity> verdicts = new LinkedHashMap<>();
    for (PodRef source : scenario.model().refs()) {
      for (PodRef destination : scenario.model().refs()) {
        if (source.equals(destination)) {
          continue;
        }
        ConnectionSet allowed = analysis.allowed(endpoint(source), endpoint(destination));
        for (PortProtocol probe : scenario.probes()) {
          verdicts.put(
              new Verdict.Cell(source, destination, probe),
              Connectivity.of(allowed.allows(protocol(probe), probe.port())));
        }
      }
    }
    return verdicts;
  }

  private static void write(PeerScenario scenario, Path dir) {
    Yaml yaml = new Yaml();
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("namespaces.yaml"), yaml.dumpAll(namespaces(scenario).iterator()));
      Files.writeString(dir.resolve("pods.yaml"), yaml.dump(list("PodList", "v1", pods(scenario))));
      if (!scenario.policies().isEmpty()) {
        Files.writeString(
            dir.resolve("policies.yaml"),
            yaml.dump(list("NetworkPolicyList", "networking.k8s.io/v1", policies(scenario))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write scenario " + scenario.name() + " to " + dir, e);
    }
  }

  private static Map<String, Object> list(String kind, String apiVersion, List<?> items) {
    return Map.of("apiVersion", apiVersion, "kind", kind, "items", items);
  }

  private static List<Map<String, Object>> namespaces(PeerScenario scenario) {
    List<Map<String, Object>> namespaces = new ArrayList<>();
    scenario
        .model()
        .namespaces()
        .forEach(
            (name, labels) ->
                namespaces.add(
                    Map.of(
                        "apiVersion", "v1",
                        "kind", "Namespace",
                        "metadata", Map.of("name", name, "labels", labels))));
    return namespaces;
  }

  private static List<Map<String, Object>> pods(PeerScenario scenario) {
    List<Map<String, Object>> pods = new ArrayList<>();
    for (ModelPod pod : scenario.model().pods()) {
      List<Map<String, Object>> ports = new ArrayList<>();
      for (ContainerPort port : pod.ports()) {
        ports.add(
            Map.of(
                "name", port.name(),
                "containerPort", port.port(),
                "protocol", port.protocol().name()));
      }
      pods.add(
          Map.of(
              "apiVersion", "v1",
              "kind", "Pod",
              "metadata",
                  Map.of(
                      "namespace", pod.ref().namespace(),
                      "name", pod.ref().name(),
                      "labels", pod.labels()),
              "spec",
                  Map.of(
                      "containers",
                      List.of(Map.of("name", "main", "image", "app", "ports", ports))),
              "status", Map.of("podIP", pod.ip())));
    }
    return pods;
  }

  private static List<Map<String, Object>> policies(PeerScenario scenario) {
    List<Map<String, Object>> policies = new ArrayList<>();
    for (Map<String, Object> policy : scenario.policies()) {
      Map<String, Object> content = new LinkedHashMap<>();
      content.put("apiVersion", "networking.k8s.io/v1");
      content.put("kind", "NetworkPolicy");
      content.putAll(policy);
      policies.add(content);
    }
    return policies;
  }

  private static Endpoint.Pods endpoint(PodRef pod) {
    return new Endpoint.Pods(pod.namespace(), pod.name(), "Pod");
  }

  private static io.fleetgate.netpol.Protocol protocol(PortProtocol probe) {
    return io.fleetgate.netpol.Protocol.valueOf(probe.protocol().name());
  }
}
