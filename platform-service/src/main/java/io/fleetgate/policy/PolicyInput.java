package io.fleetgate.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input document for one object's evaluation, the same for every adapter:
 *
 * <pre>{"object": {…}, "cluster": {"name", "namespace", "labels"}, "params": {…},
 *  "bundle": "…", "commit": "…", "source": {"path": "…", "line": n}}</pre>
 */
public record PolicyInput(
    RenderedObject object, ClusterTarget cluster, String commit, Map<String, Object> params) {

  static final ObjectMapper JSON = new ObjectMapper();

  public PolicyInput(RenderedObject object, ClusterTarget cluster, String commit) {
    this(object, cluster, commit, Map.of());
  }

  /** The input as JSON text, written straight from the object's maps (no JSON tree between). */
  public String toJson() {
    return write(document());
  }

  /** The input document, its maps shared with the object's content. */
  Map<String, Object> document() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("object", object.content());
    input.put("cluster", cluster(cluster));
    input.put("params", params);
    input.put("bundle", object.bundle());
    input.put("commit", commit);
    input.put("source", source(object));
    return input;
  }

  static Map<String, Object> cluster(ClusterTarget cluster) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", cluster.name());
    target.put("namespace", cluster.namespace());
    target.put("labels", cluster.labels());
    return target;
  }

  static Map<String, Object> source(RenderedObject object) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("path", object.source().path());
    source.put("line", object.source().line());
    return source;
  }

  static String write(Map<String, Object> document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("The policy input cannot be written as JSON", e);
    }
  }
}
