package io.fleetgate.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
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

  /** The input as JSON text. */
  public String toJson() {
    ObjectNode input = JSON.createObjectNode();
    input.set("object", JSON.valueToTree(object.content()));
    input.set("cluster", cluster(cluster));
    input.set("params", JSON.valueToTree(params));
    input.put("bundle", object.bundle());
    input.put("commit", commit);
    input.set("source", source(object));
    return input.toString();
  }

  static ObjectNode cluster(ClusterTarget cluster) {
    ObjectNode target = JSON.createObjectNode();
    target.put("name", cluster.name());
    target.put("namespace", cluster.namespace());
    target.set("labels", JSON.valueToTree(cluster.labels()));
    return target;
  }

  static ObjectNode source(RenderedObject object) {
    ObjectNode source = JSON.createObjectNode();
    source.put("path", object.source().path());
    source.put("line", object.source().line());
    return source;
  }
}
