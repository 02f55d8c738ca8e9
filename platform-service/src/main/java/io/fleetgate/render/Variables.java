package io.fleetgate.render;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
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

  /** A deep copy of the object with every variable replaced. */
  Map<String, Object> substitute(Map<String, Object> object, SourceLocation at)
      throws ManifestException {
    return map(object, at);
  }

  private Map<String, Object> map(Map<?, ?> source, SourceLocation at) throws ManifestException {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (var entry : source.entrySet()) {
      copy.put(String.valueOf(entry.getKey()), value(entry.getValue(), at));
    }
    return copy;
  }

  private Object value(Object value, SourceLocation at) throws ManifestException {
    if (value instanceof Map<?, ?> map) {
      return map(map, at);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(value(item, at));
      }
      return copy;
    }
    if (value instanceof String text && text.contains("${")) {
      return string(text, at);
    }
    return value;
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
