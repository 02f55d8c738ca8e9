package io.fleetgate.netpol.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads {@code netpol/peer/scenarios.yaml}: a default {@code model} and {@code probes}, then the
 * {@code scenarios}, each of which may bring its own model or probes. A mistake in the file fails
 * with the scenario's name and the field.
 */
final class Scenarios {

  static final String RESOURCE = "/netpol/peer/scenarios.yaml";

  private Scenarios() {}

  static List<PeerScenario> all() {
    try (InputStream in = Scenarios.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test class path");
      }
      Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      ClusterModel model = model(map(file, "model", "the file"), "the file");
      List<PortProtocol> probes = probes(list(file, "probes", "the file"));
      List<PeerScenario> scenarios = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (Object item : list(file, "scenarios", "the file")) {
        PeerScenario scenario = scenario(cast(item, "a scenario"), model, probes);
        if (!names.add(scenario.name())) {
          throw new IllegalArgumentException(
              RESOURCE + ": two scenarios are named " + scenario.name());
        }
        scenarios.add(scenario);
      }
      return scenarios;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PeerScenario scenario(
      Map<String, Object> raw, ClusterModel defaultModel, List<PortProtocol> defaultProbes) {
    String name = text(raw, "name", "a scenario");
    String where = "scenario " + name;
    try {
      ClusterModel model =
          raw.containsKey("model") ? model(map(raw, "model", where), where) : defaultModel;
      List<PortProtocol> probes =
          raw.containsKey("probes") ? probes(list(raw, "probes", where)) : defaultProbes;
      List<Map<String, Object>> policies = new ArrayList<>();
      for (Object policy : raw.containsKey("policies") ? list(raw, "policies", where) : List.of()) {
        policies.add(cast(policy, "a NetworkPolicy"));
      }
      Optional<PeerScenario.Deviation> deviation = Optional.empty();
      if (raw.containsKey("cyclonus")) {
        Map<String, Object> d = map(raw, "cyclonus", where);
        deviation =
            Optional.of(
                new PeerScenario.Deviation(
                    text(d, "reason", where + " cyclonus"), rules(list(d, "differs", where))));
      }
      return new PeerScenario(
          name,
          text(raw, "why", where),
          model,
          probes,
          policies,
          rules(raw.containsKey("expect") ? list(raw, "expect", where) : List.of()),
          deviation);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException(RESOURCE + ", " + where + ": " + e.getMessage(), e);
    }
  }

  private static ClusterModel model(Map<String, Object> raw, String where) {
    Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    map(raw, "namespaces", where).forEach((ns, labels) -> namespaces.put(ns, strings(labels)));
    List<ContainerPort> defaultPorts =
        raw.containsKey("ports") ? ports(map(raw, "ports", where)) : List.of();
    List<ModelPod> pods = new ArrayList<>();
    for (Object item : list(raw, "pods", where)) {
      Map<String, Object> pod = cast(item, "a pod");
      pods.add(
          new ModelPod(
              PodRef.parse(text(pod, "pod", where)),
              pod.containsKey("labels") ? strings(pod.get("labels")) : Map.of(),
              text(pod, "ip", where + " pod " + pod.get("pod")),
              pod.containsKey("ports") ? ports(map(pod, "ports", where)) : defaultPorts));
    }
    return new ClusterModel(namespaces, pods);
  }

  private static List<ContainerPort> ports(Map<String, Object> raw) {
    List<ContainerPort> ports = new ArrayList<>();
    raw.forEach(
        (name, value) -> {
          PortProtocol p = PortProtocol.parse(String.valueOf(value));
          ports.add(new ContainerPort(name, p.port(), p.protocol()));
        });
    return ports;
  }

  private static List<PortProtocol> probes(List<Object> raw) {
    return raw.stream().map(p -> PortProtocol.parse(String.valueOf(p))).toList();
  }

  private static List<ExpectRule> rules(List<Object> raw) {
    return raw.stream().map(r -> ExpectRule.parse(String.valueOf(r))).toList();
  }

  private static Map<String, String> strings(Object raw) {
    Map<String, String> strings = new LinkedHashMap<>();
    if (raw != null) {
      Map<String, Object> map = cast(raw, "a label map");
      map.forEach((k, v) -> strings.put(k, String.valueOf(v)));
    }
    return strings;
  }

  private static String text(Map<String, Object> raw, String key, String where) {
    Object value = raw.get(key);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(where + " needs a text '" + key + "'");
    }
    return s.strip();
  }

  private static Map<String, Object> map(Map<String, Object> raw, String key, String where) {
    if (!(raw.get(key) instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(where + " needs a map '" + key + "'");
    }
    return cast(raw.get(key), key);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> raw, String key, String where) {
    if (!(raw.get(key) instanceof List<?> list)) {
      throw new IllegalArgumentException(where + " needs a list '" + key + "'");
    }
    return (List<Object>) list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object raw, String what) {
    if (!(raw instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected " + what + " as a map, found " + raw);
    }
    return (Map<String, Object>) raw;
  }
}
