package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** Parses manifest files strictly: safe types only, limits enforced, errors with file and line. */
final class ManifestParser {

  private final ManifestLimits limits;

  ManifestParser(ManifestLimits limits) {
    this.limits = limits;
  }

  /**
   * Every non-empty YAML document of the file, each a mapping.
   *
   * @param relative the path shown in messages (relative to the repository root)
   */
  List<Manifest> parse(Path file, String relative) throws ManifestException {
    return parseText(read(file, relative), relative);
  }

  /** Parses YAML text (e.g. kustomize output) as if it were the file {@code relative}. */
  List<Manifest> parseText(String text, String relative) throws ManifestException {
    return parseText(text, relative, null);
  }

  /**
   * Every non-empty YAML document of the file with the line of each of its fields, keyed by the
   * field's path ({@code spec.objectives[0].target}).
   */
  List<FieldLines> parseWithLines(Path file, String relative) throws ManifestException {
    List<FieldLines> lines = new ArrayList<>();
    List<Manifest> manifests = parseText(read(file, relative), relative, lines);
    List<FieldLines> located = new ArrayList<>(manifests.size());
    for (int i = 0; i < manifests.size(); i++) {
      located.add(lines.get(i).of(manifests.get(i)));
    }
    return located;
  }

  private List<Manifest> parseText(String text, String relative, List<FieldLines> lines)
      throws ManifestException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxDepth());
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    // Counted again below by what they expand to: the alias limit alone lets a chain of 49
    // aliases expand to billions of nodes.
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
    NodeConstructor constructor = new NodeConstructor(options);
    // What new Yaml(constructor, …, options).composeAll does, without the Yaml facade's
    // representer and dumper, which loading never uses but which cost as much to build as a small
    // manifest costs to parse. The facade hands these options to the constructor; so do we.
    constructor.setAllowDuplicateKeys(options.isAllowDuplicateKeys());
    constructor.setWarnOnDuplicateKeys(options.isWarnOnDuplicateKeys());
    constructor.setWrappedToRootException(options.isWrappedToRootException());
    Composer composer =
        new Composer(
            new ParserImpl(new StreamReader(new java.io.StringReader(text)), options),
            new Resolver(),
            options);
    List<Manifest> manifests = new ArrayList<>();
    long nodes = 0;
    try {
      while (composer.checkNode()) {
        Node node = composer.getNode();
        nodes = refuseBombs(node, nodes, relative);
        if (manifests.size() >= limits.maxDocuments()) {
          throw new ManifestException(
              SourceLocation.file(relative),
              "has more than " + limits.maxDocuments() + " YAML documents; split the file");
        }
        SourceLocation location = new SourceLocation(relative, node.getStartMark().getLine() + 1);
        Object value = constructor.construct(node);
        if (value == null) {
          continue;
        }
        if (!(value instanceof Map<?, ?> map)) {
          throw new ManifestException(
              location,
              "is not a Kubernetes object (a YAML mapping with apiVersion, kind and metadata)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        manifests.add(new Manifest(object, location));
        if (lines != null) {
          lines.add(FieldLines.of(node));
        }
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new ManifestException(
          new SourceLocation(relative, line),
          "is not valid YAML: " + oneLine(e.getProblem()) + fix(e));
    } catch (YAMLException e) {
      throw new ManifestException(
          SourceLocation.file(relative), "is refused: " + oneLine(e.getMessage()) + limitHint(e));
    } catch (StackOverflowError e) {
      throw new ManifestException(
          SourceLocation.file(relative), "nests too deeply to read; flatten it");
    }
    return manifests;
  }

  /**
   * Adds the document's expanded size to the file's, refusing the file before anything walks the
   * expanded tree when it passes {@link ManifestLimits#maxNodes()}.
   *
   * @return the file's expanded size so far
   */
  private long refuseBombs(Node document, long before, String relative) throws ManifestException {
    long size = ExpandedSize.of(document);
    SourceLocation at = new SourceLocation(relative, document.getStartMark().getLine() + 1);
    if (size == ExpandedSize.UNBOUNDED) {
      throw new ManifestException(
          at, "refers to itself through an alias; Kubernetes objects cannot be recursive");
    }
    long total = before + size;
    if (total > limits.maxNodes()) {
      throw new ManifestException(
          at,
          ("expands to more than %,d nodes through its anchors and aliases (a YAML bomb?);"
                  + " write the values out or split the file")
              .formatted(limits.maxNodes()));
    }
    return total;
  }

  private String read(Path file, String relative) throws ManifestException {
    try {
      long size = Files.size(file);
      if (size > limits.maxFileBytes()) {
        throw new ManifestException(
            SourceLocation.file(relative),
            "is %s; manifest files may be at most %s. Split it, or keep large data out of the repository."
                .formatted(bytes(size), bytes(limits.maxFileBytes())));
      }
      byte[] content = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ManifestException(SourceLocation.file(relative), "is not UTF-8 text");
    } catch (IOException e) {
      throw new ManifestException(
          SourceLocation.file(relative), "cannot be read: " + e.getMessage());
    }
  }

  private static String fix(MarkedYAMLException e) {
    String problem = String.valueOf(e.getProblem());
    if (problem.contains("found duplicate key")) {
      return ". Remove one of the two keys.";
    }
    return ". Check the indentation and quoting around that line.";
  }

  private static String limitHint(YAMLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("aliases")) {
      return ". Anchors and aliases are limited to stop YAML bombs; write the values out.";
    }
    if (message.contains("Nesting Depth")) {
      return ". Flatten the structure.";
    }
    return ".";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }

  static String bytes(long n) {
    return n >= 1 << 20 ? "%.1f MiB".formatted(n / 1048576.0) : "%d KiB".formatted(n / 1024);
  }

  /** Exposes SnakeYAML's document construction for nodes we composed ourselves. */
  private static final class NodeConstructor extends SafeConstructor {
    NodeConstructor(LoaderOptions options) {
      super(options);
      // Kubernetes reads YAML into JSON: an unquoted date stays the string it looks like.
      yamlConstructors.put(org.yaml.snakeyaml.nodes.Tag.TIMESTAMP, new ConstructYamlStr());
    }

    Object construct(Node node) {
      return constructDocument(node);
    }
  }
}
