package io.fleetgate.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import java.util.List;
import java.util.Map;

/**
 * The input document of the change-set entrypoint: every object rendered for one cluster.
 *
 * <pre>{"objects": [{"object": {…}, "bundle": "…", "source": {"path", "line"}}, …],
 *  "cluster": {…}, "params": {…}, "commit": "…"}</pre>
 */
public record ChangeSetInput(
    List<RenderedObject> objects,
    ClusterTarget cluster,
    String commit,
    Map<String, Object> params) {

  /** The input as JSON text. */
  public String toJson() {
    ObjectNode input = PolicyInput.JSON.createObjectNode();
    ArrayNode items = input.putArray("objects");
    for (RenderedObject object : objects) {
      ObjectNode item = items.addObject();
      item.set("object", PolicyInput.JSON.valueToTree(object.content()));
      item.put("bundle", object.bundle());
      item.set("source", PolicyInput.source(object));
    }
    input.set("cluster", PolicyInput.cluster(cluster));
    input.set("params", PolicyInput.JSON.valueToTree(params));
    input.put("commit", commit);
    return input.toString();
  }
}
