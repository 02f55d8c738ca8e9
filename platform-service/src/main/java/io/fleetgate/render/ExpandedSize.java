package io.fleetgate.render;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * How many nodes a composed YAML document becomes once every alias is expanded — what each later
 * stage (variables, hashing, policy input, the API request) actually walks. Counted in time linear
 * in the composed nodes: an alias reuses its anchor's {@link Node}, whose size is computed once.
 */
final class ExpandedSize {

  /** A size beyond every limit: the document refers to itself. */
  static final long UNBOUNDED = Long.MAX_VALUE;

  private final Map<Node, Long> sizes = new IdentityHashMap<>();
  private final Map<Node, Boolean> open = new IdentityHashMap<>();

  private ExpandedSize() {}

  /** The expanded size of the document, or {@link #UNBOUNDED} when it contains itself. */
  static long of(Node document) {
    return new ExpandedSize().size(document);
  }

  private long size(Node node) {
    Long known = sizes.get(node);
    if (known != null) {
      return known;
    }
    if (open.put(node, Boolean.TRUE) != null) {
      return UNBOUNDED;
    }
    long size = 1;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        size = add(size, size(tuple.getKeyNode()));
        size = add(size, size(tuple.getValueNode()));
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        size = add(size, size(item));
      }
    }
    open.remove(node);
    sizes.put(node, size);
    return size;
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 || a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : sum;
  }
}
