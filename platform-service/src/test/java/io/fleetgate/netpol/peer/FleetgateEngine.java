package io.fleetgate.netpol.peer;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.netpol.ConnectionSet;
import io.fleetgate.netpol.Endpoint;
import io.fleetgate.netpol.ManifestObject;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.ModelReader;
import io.fleetgate.netpol.NetworkAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fleetgate's NetworkPolicy engine on a scenario: the model and the policies become the manifests a
 * user would write (Namespaces with labels, bare Pods with container ports, the policies exactly as
 * in the scenario, policyTypes left out where the author left them out), read by {@link
 * ModelReader} and analysed by {@link NetworkAnalysis}. The engine names a bare Pod's endpoint
 * {@code namespace/name[Pod]} and never pairs a workload with itself, so cells of a pod to itself
 * have no verdict here.
 */
final class FleetgateEngine {

  private FleetgateEngine() {}

  /** The engine's verdict on every cell between two different pods. */
  static Map<Verdict.Cell, Connectivity> verdicts(PeerScenario scenario) {
    ModelRead read = ModelReader.read(manifests(scenario));
    if (!read.ok()) {
      throw new IllegalStateException(
          "Fleetgate cannot read scenario " + scenario.name() + ": " + read.problems());
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

  static List<ManifestObject> manifests(PeerScenario scenario) {
    String file = "netpol/peer/scenarios.yaml#" + scenario.name();
    List<ManifestObject> objects = new ArrayList<>();
    scenario
        .model()
        .namespaces()
        .forEach(
            (name, labels) ->
                objects.add(
                    object(
                        file,
                        objects,
                        Map.of(
                            "apiVersion", "v1",
                            "kind", "Namespace",
                            "metadata", Map.of("name", name, "labels", labels)))));
    for (ModelPod pod : scenario.model().pods()) {
      List<Map<String, Object>> ports = new ArrayList<>();
      for (ContainerPort port : pod.ports()) {
        ports.add(
            Map.of(
                "name", port.name(),
                "containerPort", port.port(),
                "protocol", port.protocol().name()));
      }
      objects.add(
          object(
              file,
              objects,
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
                  "status", Map.of("podIP", pod.ip()))));
    }
    for (Map<String, Object> policy : scenario.policies()) {
      Map<String, Object> content = new LinkedHashMap<>();
      content.put("apiVersion", "networking.k8s.io/v1");
      content.put("kind", "NetworkPolicy");
      content.putAll(policy);
      objects.add(object(file, objects, content));
    }
    return objects;
  }

  private static ManifestObject object(
      String file, List<ManifestObject> before, Map<String, Object> content) {
    return new ManifestObject(content, new SourceLocation(file, before.size() + 1));
  }

  private static Endpoint.Pods endpoint(PodRef pod) {
    return new Endpoint.Pods(pod.namespace(), pod.name(), "Pod");
  }

  private static io.fleetgate.netpol.Protocol protocol(PortProtocol probe) {
    return io.fleetgate.netpol.Protocol.valueOf(probe.protocol().name());
  }
}
