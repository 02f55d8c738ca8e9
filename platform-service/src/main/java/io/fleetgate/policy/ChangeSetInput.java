package io.fleetgate.policy;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input document of the change-set entrypoint: every object rendered for one cluster.
 *
 * <pre>{"objects": [{"object": {…}, "bundle": "…", "source": {"path", "line"}}, …],
 *  "cluster": {…}, "params": {…}, "commit": "…", "reachability": {…}}</pre>
 *
 * {@code reachability} holds the NetworkPolicy engine's facts about the set ({@link
 * ReachabilityFacts}).
 */
public record ChangeSetInput(
    List<RenderedObject> objects,
    ClusterTarget cluster,
    String commit,
    Map<String, Object> params) {

  /** The input as JSON text, written straight from the objects' maps (no JSON tree between). */
  public String toJson() {
    List<Map<String, Object>> items = new ArrayList<>(objects.size());
    for (RenderedObject object : objects) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("object", object.content());
      item.put("bundle", object.bundle());
      item.put("source", PolicyInput.source(object));
      items.add(item);
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("objects", items);
    input.put("cluster", PolicyInput.cluster(cluster));
    input.put("params", params);
    input.put("commit", commit);
    input.put("reachability", ReachabilityFacts.of(objects, params));
    return PolicyInput.write(input);
  }
}
