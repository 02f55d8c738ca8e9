package io.fleetgate.apply;

import io.fleetgate.domain.RenderedObject;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the object Fleetgate sends: namespace defaulted, its label and annotations added. */
final class DesiredObjects {

  private final ClusterApi api;

  DesiredObjects(ClusterApi api) {
    this.api = api;
  }

  /**
   * The object as it is sent: namespace defaulted, Fleetgate's label and source annotation added.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> desired(RenderedObject object, GroupVersionKind gvk) {
    Map<String, Object> content = new LinkedHashMap<>(object.content());
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) content.get("metadata"));
    if (api.namespaced(gvk)) {
      metadata.putIfAbsent("namespace", "default");
    } else {
      metadata.remove("namespace");
    }
    Map<String, Object> labels =
        new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("labels", Map.of()));
    labels.put(ClusterApplier.BUNDLE_LABEL, object.bundle());
    metadata.put("labels", labels);
    Map<String, Object> annotations =
        new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
    annotations.put(ClusterApplier.SOURCE_ANNOTATION, object.source().toString());
    metadata.put("annotations", annotations);
    content.put("metadata", metadata);
    return content;
  }

  @SuppressWarnings("unchecked")
  static String namespaceOf(Map<String, Object> desired) {
    Object namespace = ((Map<String, Object>) desired.get("metadata")).get("namespace");
    return namespace == null ? "" : namespace.toString();
  }

  /**
   * Adds the content-hash annotation (the hash of everything else) and returns the hash. Every path
   * that sends an object sends it with this annotation, or the server would drop it.
   */
  @SuppressWarnings("unchecked")
  static String withHash(Map<String, Object> desired) {
    String hash = ContentHash.of(desired);
    ((Map<String, Object>) ((Map<String, Object>) desired.get("metadata")).get("annotations"))
        .put(ClusterApplier.HASH_ANNOTATION, hash);
    return hash;
  }
}
