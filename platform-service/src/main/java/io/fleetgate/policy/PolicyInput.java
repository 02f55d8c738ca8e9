package io.fleetgate.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;

/**
 * The input document for one evaluation, the same for every adapter:
 *
 * <pre>{"object": {…}, "cluster": {"name", "namespace", "labels"}, "bundle": "…",
 *  "commit": "…", "source": {"path": "…", "line": n}}</pre>
 */
public record PolicyInput(RenderedObject object, ClusterTarget cluster, String commit) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The input as JSON text. */
  public String toJson() {
    ObjectNode input = JSON.createObjectNode();
    input.set("object", JSON.valueToTree(object.content()));
    ObjectNode target = input.putObject("cluster");
    target.put("name", cluster.name());
    target.put("namespace", cluster.namespace());
    target.set("labels", JSON.valueToTree(cluster.labels()));
    input.put("bundle", object.bundle());
    input.put("commit", commit);
    ObjectNode source = input.putObject("source");
    source.put("path", object.source().path());
    source.put("line", object.source().line());
    return input.toString();
  }
}
