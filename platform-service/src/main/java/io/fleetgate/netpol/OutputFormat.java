package io.fleetgate.netpol;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a connection list is written. {@code json} is exactly netpol-analyzer's {@code list -o json}:
 * an array of {@code {"src", "dst", "conn"}} objects in list order, two-space indented, {@code []}
 * when nothing is allowed; {@code text}, {@code csv} and {@code md} carry the same three columns;
 * {@code dot} draws namespaces as clusters, workloads and address ranges as nodes, and connections
 * as edges labelled with their ports.
 */
public enum OutputFormat {
  TEXT,
  JSON,
  CSV,
  MD,
  DOT;

  /**
   * @throws IllegalArgumentException naming the formats
   */
  public static OutputFormat parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--format " + name + " is not one of text, json, csv, md, dot", e);
    }
  }

  /** The rows, already sorted, in this format, ending with a newline. */
  public String write(List<Connection> rows) {
    StringBuilder out = new StringBuilder();
    switch (this) {
      case TEXT -> rows.forEach(r -> out.append(r).append('\n'));
      case JSON -> json(rows, out);
      case CSV -> {
        out.append("src,dst,conn\n");
        rows.forEach(
            r ->
                out.append(csv(r.src().name()))
                    .append(',')
                    .append(csv(r.dst().name()))
                    .append(',')
                    .append(csv(r.conn().toString()))
                    .append('\n'));
      }
      case MD -> {
        out.append("| src | dst | conn |\n|-----|-----|------|\n");
        rows.forEach(
            r ->
                out.append("| ")
                    .append(md(r.src().name()))
                    .append(" | ")
                    .append(md(r.dst().name()))
                    .append(" | ")
                    .append(md(r.conn().toString()))
                    .append(" |\n"));
      }
      case DOT -> dot(rows, out);
    }
    return out.toString();
  }

  private static void json(List<Connection> rows, StringBuilder out) {
    if (rows.isEmpty()) {
      out.append("[]\n");
      return;
    }
    out.append("[\n");
    for (int i = 0; i < rows.size(); i++) {
      Connection r = rows.get(i);
      out.append("  {\n")
          .append("    \"src\": ")
          .append(Json.string(r.src().name()))
          .append(",\n    \"dst\": ")
          .append(Json.string(r.dst().name()))
          .append(",\n    \"conn\": ")
          .append(Json.string(r.conn().toString()))
          .append("\n  }")
          .append(i + 1 < rows.size() ? ",\n" : "\n");
    }
    out.append("]\n");
  }

  private static String csv(String field) {
    return field.contains(",") || field.contains("\"")
        ? "\"" + field.replace("\"", "\"\"") + "\""
        : field;
  }

  private static String md(String field) {
    return field.replace("|", "\\|");
  }

  private static void dot(List<Connection> rows, StringBuilder out) {
    Map<String, TreeSet<String>> byNamespace = new TreeMap<>();
    TreeSet<String> addresses = new TreeSet<>();
    for (Connection r : rows) {
      for (Endpoint e : List.of(r.src(), r.dst())) {
        switch (e) {
          case Endpoint.Pods p ->
              byNamespace.computeIfAbsent(p.namespace(), n -> new TreeSet<>()).add(p.name());
          case Endpoint.Addresses a -> addresses.add(a.name());
        }
      }
    }
    out.append("digraph {\n");
    int cluster = 0;
    for (Map.Entry<String, TreeSet<String>> ns : byNamespace.entrySet()) {
      out.append("  subgraph cluster_").append(cluster++).append(" {\n");
      out.append("    label=").append(Json.string(ns.getKey())).append("\n");
      for (String node : ns.getValue()) {
        out.append("    ")
            .append(Json.string(node))
            .append(" [label=")
            .append(Json.string(node.substring(node.indexOf('/') + 1)))
            .append(" shape=box]\n");
      }
      out.append("  }\n");
    }
    for (String node : addresses) {
      out.append("  ").append(Json.string(node)).append(" [shape=ellipse]\n");
    }
    for (Connection r : rows) {
      out.append("  ")
          .append(Json.string(r.src().name()))
          .append(" -> ")
          .append(Json.string(r.dst().name()))
          .append(" [label=")
          .append(Json.string(r.conn().toString()))
          .append("]\n");
    }
    out.append("}\n");
  }
}
