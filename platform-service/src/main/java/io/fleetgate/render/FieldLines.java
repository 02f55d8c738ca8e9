package io.fleetgate.render;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The 1-based line of every field of one YAML document, by path ({@code spec.objectives[0]}), so
 * that a reader of specs can name the line of the field it refuses.
 *
 * @param manifest the document, once constructed
 * @param lines each field path's line; the document itself is the empty path
 */
record FieldLines(Manifest manifest, Map<String, Integer> lines) {

  /** At most this many fields are located per document; a spec needs far fewer. */
  private static final int MAX_FIELDS = 100_000;

  FieldLines of(Manifest constructed) {
    return new FieldLines(constructed, lines);
  }

  static FieldLines of(Node document) {
    Map<String, Integer> lines = new HashMap<>();
    walk(document, "", document.getStartMark().getLine() + 1, lines);
    return new FieldLines(null, Map.copyOf(lines));
  }

  /** Records a field at the line of its key (or, in a sequence, of its item), then its fields. */
  private static void walk(Node node, String path, int line, Map<String, Integer> lines) {
    if (lines.size() >= MAX_FIELDS || lines.containsKey(path)) {
      return;
    }
    lines.put(path, line);
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
          walk(tuple.getValueNode(), child, key.getStartMark().getLine() + 1, lines);
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      for (int i = 0; i < sequence.getValue().size(); i++) {
        Node item = sequence.getValue().get(i);
        walk(item, path + "[" + i + "]", item.getStartMark().getLine() + 1, lines);
      }
    }
  }
}
