package io.fleetgate.plan;

import io.fleetgate.domain.FleetgateMetadata;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns rendered objects into what is sent to one cluster. */
public final class DesiredObjects {

  private DesiredObjects() {}

  /**
   * The object as it is sent: namespace defaulted to {@code default} for namespaced kinds and
   * removed for cluster-scoped ones (left as written when the kind's scope is unknown, so the
   * server's answer explains it), Fleetgate's bundle label and source annotation added, then the
   * content-hash annotation, the hash of everything else.
   */
  @SuppressWarnings("unchecked")
  public static DesiredObject of(RenderedObject object, Map<GroupKind, KindScope> scopes) {
    Map<String, Object> content = new LinkedHashMap<>(object.content());
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) content.getOrDefault("metadata", Map.of()));
    KindScope scope = scopes.get(GroupKind.of(object.ref()));
    if (scope == KindScope.NAMESPACED) {
      Object written = metadata.get("namespace");
      if (written == null || written.toString().isEmpty()) {
        metadata.put("namespace", "default");
      }
    } else if (scope == KindScope.CLUSTER) {
      metadata.remove("namespace");
    }
    Map<String, Object> labels =
        new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("labels", Map.of()));
    labels.put(FleetgateMetadata.BUNDLE_LABEL, object.bundle());
    metadata.put("labels", labels);
    Map<String, Object> annotations =
        new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
    annotations.remove(FleetgateMetadata.HASH_ANNOTATION);
    annotations.put(FleetgateMetadata.SOURCE_ANNOTATION, object.source().toString());
    metadata.put("annotations", annotations);
    content.put("metadata", metadata);
    String hash = ContentHash.of(content);
    annotations.put(FleetgateMetadata.HASH_ANNOTATION, hash);
    Object namespace = metadata.get("namespace");
    ObjectRef ref =
        new ObjectRef(
            object.ref().group(),
            object.ref().kind(),
            namespace == null ? "" : namespace.toString(),
            object.ref().name());
    return new DesiredObject(
        ref, object.bundle(), object.apiVersion(), content, hash, object.source().toString());
  }

  /**
   * The scopes of the kinds that CustomResourceDefinitions in a render define, so a custom resource
   * is placed correctly in the same sync that creates its definition.
   */
  @SuppressWarnings("unchecked")
  public static Map<GroupKind, KindScope> definedBy(List<RenderedObject> objects) {
    Map<GroupKind, KindScope> scopes = new HashMap<>();
    for (RenderedObject object : objects) {
      if (!object.ref().group().equals("apiextensions.k8s.io")
          || !object.ref().kind().equals("CustomResourceDefinition")) {
        continue;
      }
      if (!(object.content().get("spec") instanceof Map<?, ?> spec)
          || !(spec.get("names") instanceof Map<?, ?> names)
          || names.get("kind") == null
          || spec.get("group") == null) {
        continue;
      }
      scopes.put(
          new GroupKind(spec.get("group").toString(), names.get("kind").toString()),
          "Cluster".equals(String.valueOf(spec.get("scope")))
              ? KindScope.CLUSTER
              : KindScope.NAMESPACED);
    }
    return scopes;
  }
}
