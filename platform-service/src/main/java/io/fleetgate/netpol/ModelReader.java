package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads namespaces, workloads and NetworkPolicies out of manifests (rendered config or a live
 * cluster's objects). Everything else is ignored.
 *
 * <ul>
 *   <li>List kinds ({@code List}, {@code PodList}, {@code NetworkPolicyList}, …) are unwrapped; an
 *       item without {@code kind} takes the list's ({@code PodList} → {@code Pod}).
 *   <li>A missing namespace is {@code default}.
 *   <li>Workloads are Pods and the pod templates of Deployments, StatefulSets, DaemonSets,
 *       ReplicaSets, ReplicationControllers, Jobs and CronJobs: the template's labels, not the
 *       controller's own.
 *   <li>An object with a controlling owner reference is named after its top-most owner, followed
 *       through the owners present (Pod → ReplicaSet → Deployment); replicas collapse into one
 *       workload, whose labels and ports are the top-most object's when it is present.
 * </ul>
 */
public final class ModelReader {

  private static final Set<String> TEMPLATE_KINDS =
      Set.of(
          "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job");

  private ModelReader() {}

  /** Reads every object; objects that cannot be read are reported, never half-used. */
  public static ModelRead read(Collection<ManifestObject> objects) {
    List<ManifestProblem> problems = new ArrayList<>();
    Map<String, Namespace> namespaces = new LinkedHashMap<>();
    Map<PolicyId, Policy> policies = new LinkedHashMap<>();
    Map<Key, Raw> raws = new LinkedHashMap<>();
    for (ManifestObject object : unwrap(objects, problems)) {
      try {
        readOne(object, namespaces, policies, raws);
      } catch (IllegalArgumentException e) {
        problems.add(
            new ManifestProblem(object.source(), describe(object) + ": " + e.getMessage()));
      }
    }
    List<Workload> workloads = collapse(raws);
    for (Workload workload : workloads) {
      namespaces.putIfAbsent(workload.namespace(), Namespace.implicit(workload.namespace()));
    }
    for (Policy policy : policies.values()) {
      namespaces.putIfAbsent(policy.id().namespace(), Namespace.implicit(policy.id().namespace()));
    }
    return new ModelRead(
        new NetworkModel(
            List.copyOf(namespaces.values()), workloads, List.copyOf(policies.values())),
        problems);
  }

  private static List<ManifestObject> unwrap(
      Collection<ManifestObject> objects, List<ManifestProblem> problems) {
    List<ManifestObject> flat = new ArrayList<>();
    for (ManifestObject object : objects) {
      String kind = Fields.string(object.content(), "kind");
      if (kind != null && kind.endsWith("List") && object.content().containsKey("items")) {
        String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - 4);
        Object items = object.content().get("items");
        if (!(items instanceof List<?> list)) {
          problems.add(new ManifestProblem(object.source(), kind + ": items must be a list"));
          continue;
        }
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof Map<?, ?> map)) {
            problems.add(
                new ManifestProblem(
                    object.source(), kind + ": items[" + i + "] must be a mapping"));
            continue;
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> item = new LinkedHashMap<>((Map<String, Object>) map);
          if (item.get("kind") == null && itemKind != null) {
            item.put("kind", itemKind);
          }
          flat.add(new ManifestObject(item, object.source()));
        }
      } else {
        flat.add(object);
      }
    }
    return flat;
  }

  private static void readOne(
      ManifestObject object,
      Map<String, Namespace> namespaces,
      Map<PolicyId, Policy> policies,
      Map<Key, Raw> raws) {
    Map<String, Object> content = object.content();
    String kind = Fields.string(content, "kind");
    if (kind == null) {
      return;
    }
    Map<String, Object> metadata = Fields.map(content, "metadata", "metadata");
    String name = Fields.string(metadata, "name");
    String namespace = Fields.string(metadata, "namespace");
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    switch (kind) {
      case "Namespace" -> {
        requireName(name);
        namespaces.put(
            name, new Namespace(name, Fields.labels(metadata, "labels", "metadata.labels")));
      }
      case "NetworkPolicy" -> {
        if (!"networking.k8s.io/v1".equals(Fields.string(content, "apiVersion"))) {
          return;
        }
        requireName(name);
        Policy policy = PolicyReader.read(content, namespace, name, object.source());
        Policy previous = policies.putIfAbsent(policy.id(), policy);
        if (previous != null) {
          throw new IllegalArgumentException(
              "is declared again; the first is at " + previous.source() + ". Keep one.");
        }
      }
      case "Pod" -> {
        requireName(name);
        addRaw(
            raws,
            kind,
            namespace,
            name,
            metadata,
            metadata,
            Fields.map(content, "spec", "spec"),
            object.source());
      }
      case "CronJob" -> {
        requireName(name);
        Map<String, Object> jobSpec =
            Fields.map(
                Fields.map(Fields.map(content, "spec", "spec"), "jobTemplate", "spec.jobTemplate"),
                "spec",
                "spec.jobTemplate.spec");
        Map<String, Object> template =
            Fields.map(jobSpec, "template", "spec.jobTemplate.spec.template");
        addRaw(
            raws,
            kind,
            namespace,
            name,
            metadata,
            Fields.map(template, "metadata", "template.metadata"),
            Fields.map(template, "spec", "template.spec"),
            object.source());
      }
      default -> {
        if (!TEMPLATE_KINDS.contains(kind)) {
          return;
        }
        requireName(name);
        Map<String, Object> template =
            Fields.map(Fields.map(content, "spec", "spec"), "template", "spec.template");
        addRaw(
            raws,
            kind,
            namespace,
            name,
            metadata,
            Fields.map(template, "metadata", "spec.template.metadata"),
            Fields.map(template, "spec", "spec.template.spec"),
            object.source());
      }
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("metadata.name is missing; name the object");
    }
  }

  private static void addRaw(
      Map<Key, Raw> raws,
      String kind,
      String namespace,
      String name,
      Map<String, Object> metadata,
      Map<String, Object> podMetadata,
      Map<String, Object> podSpec,
      SourceLocation source) {
    Map<String, String> labels = Fields.labels(podMetadata, "labels", "pod labels");
    List<ContainerPort> ports = new ArrayList<>();
    List<Object> containers = Fields.list(podSpec, "containers", "containers");
    for (int c = 0; c < containers.size(); c++) {
      Map<String, Object> container = Fields.item(containers.get(c), "containers[" + c + "]");
      List<Object> items = Fields.list(container, "ports", "containers[" + c + "].ports");
      for (int p = 0; p < items.size(); p++) {
        String at = "containers[" + c + "].ports[" + p + "]";
        Map<String, Object> port = Fields.item(items.get(p), at);
        Integer number = Fields.integer(port, "containerPort", at + ".containerPort");
        if (number == null || number < PortRanges.MIN || number > PortRanges.MAX) {
          throw new IllegalArgumentException(at + ".containerPort must be a port in 1-65535");
        }
        Protocol protocol;
        try {
          protocol = Protocol.parse(port.get("protocol"));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + ".protocol: " + e.getMessage(), e);
        }
        ports.add(new ContainerPort(Fields.string(port, "name"), number, protocol));
      }
    }
    Key key = new Key(namespace, kind, name);
    raws.putIfAbsent(key, new Raw(key, owner(metadata, namespace), labels, ports, source));
  }

  /** The controlling owner, or the only owner when none is marked as controller. */
  private static Key owner(Map<String, Object> metadata, String namespace) {
    List<Object> owners = Fields.list(metadata, "ownerReferences", "metadata.ownerReferences");
    Key only = null;
    for (int i = 0; i < owners.size(); i++) {
      Map<String, Object> owner = Fields.item(owners.get(i), "metadata.ownerReferences[" + i + "]");
      String kind = Fields.string(owner, "kind");
      String name = Fields.string(owner, "name");
      if (kind == null || name == null) {
        continue;
      }
      Key key = new Key(namespace, kind, name);
      if (Boolean.TRUE.equals(owner.get("controller"))) {
        return key;
      }
      only = owners.size() == 1 ? key : null;
    }
    return only;
  }

  private static List<Workload> collapse(Map<Key, Raw> raws) {
    Map<Key, Raw> byIdentity = new LinkedHashMap<>();
    Map<Key, Key> identities = new HashMap<>();
    for (Raw raw : raws.values()) {
      Key identity = top(raw.key(), raws, identities);
      Raw previous = byIdentity.get(identity);
      if (previous == null || raw.key().equals(identity)) {
        byIdentity.put(identity, raw);
      }
    }
    List<Workload> workloads = new ArrayList<>(byIdentity.size());
    for (Map.Entry<Key, Raw> e : byIdentity.entrySet()) {
      Key id = e.getKey();
      Raw raw = e.getValue();
      workloads.add(
          new Workload(
              id.namespace(), id.name(), id.kind(), raw.labels(), raw.ports(), raw.source()));
    }
    return workloads;
  }

  private static Key top(Key start, Map<Key, Raw> raws, Map<Key, Key> memo) {
    Key known = memo.get(start);
    if (known != null) {
      return known;
    }
    Key current = start;
    for (int hops = 0; hops < 8; hops++) {
      Raw raw = raws.get(current);
      if (raw == null || raw.owner() == null) {
        break;
      }
      current = raw.owner();
    }
    memo.put(start, current);
    return current;
  }

  private static String describe(ManifestObject object) {
    Map<String, Object> content = object.content();
    Object metadata = content.get("metadata");
    Object name = metadata instanceof Map<?, ?> m ? m.get("name") : null;
    Object namespace = metadata instanceof Map<?, ?> m ? m.get("namespace") : null;
    if ("Namespace".equals(content.get("kind"))) {
      return "Namespace " + name;
    }
    return content.get("kind") + " " + (namespace == null ? "default" : namespace) + "/" + name;
  }

  private record Key(String namespace, String kind, String name) {}

  private record Raw(
      Key key,
      Key owner,
      Map<String, String> labels,
      List<ContainerPort> ports,
      SourceLocation source) {}
}
