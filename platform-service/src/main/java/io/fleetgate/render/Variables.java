package io.fleetgate.render;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes cluster variables in string values: {@code ${cluster.name}}, {@code
 * ${cluster.namespace}} and {@code ${cluster.labels.<key>}}. {@code $${…}} stays literal. Only
 * values are substituted, never keys or structure, so a label value cannot inject YAML.
 */
final class Variables {

  private static final Pattern VARIABLE = Pattern.compile("\\$(\\$?)\\{([^}]*)}");

  private final ClusterTarget target;

  Variables(ClusterTarget target) {
    this.target = target;
  }

  /**
   * The object with every variable replaced. Only what changes is copied: a subtree without
   * variables is shared with the parsed document (an aliased subtree stays one object), so a
   * document costs its own size per cluster, never the size its aliases expand to.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> substitute(Map<String, Object> object, SourceLocation at)
      throws ManifestException {
    return (Map<String, Object>) value(object, at, new IdentityHashMap<>());
  }

  private Object value(Object value, SourceLocation at, Map<Object, Object> done)
      throws ManifestException {
    if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
      return value instanceof String text && text.contains("${") ? string(text, at) : value;
    }
    Object known = done.get(value);
    if (known != null) {
      return known;
    }
    Object result =
        value instanceof Map<?, ?> map ? map(map, at, done) : list((List<?>) value, at, done);
    done.put(value, result);
    return result;
  }

  private Object map(Map<?, ?> source, SourceLocation at, Map<Object, Object> done)
      throws ManifestException {
    Map<String, Object> copy = null;
    for (var entry : source.entrySet()) {
      Object substituted = value(entry.getValue(), at, done);
      if (copy == null
          && (substituted != entry.getValue() || !(entry.getKey() instanceof String))) {
        copy = new LinkedHashMap<>();
        for (var earlier : source.entrySet()) {
          if (earlier == entry) {
            break;
          }
          copy.put(String.valueOf(earlier.getKey()), earlier.getValue());
        }
      }
      if (copy != null) {
        copy.put(String.valueOf(entry.getKey()), substituted);
      }
    }
    return copy == null ? source : copy;
  }

  private Object list(List<?> source, SourceLocation at, Map<Object, Object> done)
      throws ManifestException {
    List<Object> copy = null;
    for (int i = 0; i < source.size(); i++) {
      Object item = source.get(i);
      Object substituted = value(item, at, done);
      if (copy == null && substituted != item) {
        copy = new ArrayList<>(source.subList(0, i));
      }
      if (copy != null) {
        copy.add(substituted);
      }
    }
    return copy == null ? source : copy;
  }

  private String string(String text, SourceLocation at) throws ManifestException {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement =
          matcher.group(1).isEmpty()
              ? resolve(matcher.group(2), at)
              : "${" + matcher.group(2) + "}";
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private String resolve(String name, SourceLocation at) throws ManifestException {
    if (name.equals("cluster.name")) {
      return target.name();
    }
    if (name.equals("cluster.namespace")) {
      return target.namespace();
    }
    if (name.startsWith("cluster.labels.")) {
      String value = target.labels().get(name.substring("cluster.labels.".length()));
      if (value != null) {
        return value;
      }
      throw new ManifestException(
          at,
          "uses ${"
              + name
              + "}, but cluster "
              + target.name()
              + " has no such label; add the label to its Cluster or remove the variable");
    }
    throw new ManifestException(
        at,
        "uses unknown variable ${"
            + name
            + "}; known: ${cluster.name}, ${cluster.namespace}, ${cluster.labels.<key>} (write $${…} for a literal)");
  }
}
