package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.Waiver;
import io.fleetgate.policy.Waivers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code waivers.yaml} ({@code fleetgate.io/v1alpha1 WaiverList}) at the repository root.
 * Every waiver needs a policy, an object, an owner, a reason and an expiry date; one that lacks any
 * is reported with its line and not applied, so the finding it meant to waive still blocks.
 */
final class WaiverFile {

  static final String FILE = "waivers.yaml";

  private WaiverFile() {}

  static Waivers read(RepoFiles files, List<RenderProblem> problems) {
    Path file;
    try {
      file = files.rootFile(FILE);
    } catch (ManifestException e) {
      problems.add(e.problem());
      return Waivers.none();
    }
    if (!Files.isRegularFile(file)) {
      return Waivers.none();
    }
    List<Waiver> waivers = new ArrayList<>();
    try {
      if (Files.size(file) > 1 << 20) {
        problems.add(new RenderProblem(SourceLocation.file(FILE), "is larger than 1 MiB"));
        return Waivers.none();
      }
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      options.setAllowDuplicateKeys(false);
      Yaml yaml = new Yaml(new SafeConstructor(options));
      Node document_ = yaml.compose(Files.newBufferedReader(file));
      if (!(document_ instanceof MappingNode document)
          || !"WaiverList".equals(scalar(document, "kind"))) {
        problems.add(
            new RenderProblem(
                SourceLocation.file(FILE), "must be a fleetgate.io/v1alpha1 WaiverList"));
        return Waivers.none();
      }
      Node list = value(document, "waivers");
      if (list instanceof SequenceNode items) {
        for (Node item : items.getValue()) {
          SourceLocation at = new SourceLocation(FILE, item.getStartMark().getLine() + 1);
          parse(item, at, problems).ifPresent(waivers::add);
        }
      }
    } catch (IOException | YAMLException e) {
      problems.add(
          new RenderProblem(
              SourceLocation.file(FILE),
              "is not valid YAML: " + e.getMessage().replaceAll("\\s+", " ")));
    }
    return new Waivers(waivers);
  }

  private static java.util.Optional<Waiver> parse(
      Node item, SourceLocation at, List<RenderProblem> problems) {
    if (!(item instanceof MappingNode waiver)) {
      problems.add(new RenderProblem(at, "a waiver must be a mapping"));
      return java.util.Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("policy", "object", "owner", "reason", "expires")) {
      String value = scalar(waiver, field);
      if (value == null || value.isBlank()) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      problems.add(
          new RenderProblem(
              at,
              "the waiver lacks "
                  + String.join(", ", missing)
                  + "; every waiver names a policy, an object, an owner, a reason and an expiry date, and is not applied without them"));
      return java.util.Optional.empty();
    }
    LocalDate expires;
    try {
      expires = LocalDate.parse(scalar(waiver, "expires"));
    } catch (DateTimeParseException e) {
      problems.add(
          new RenderProblem(
              at, "expires '" + scalar(waiver, "expires") + "' is not a date like 2026-12-31"));
      return java.util.Optional.empty();
    }
    List<String> clusters = new ArrayList<>();
    if (value(waiver, "clusters") instanceof SequenceNode list) {
      list.getValue().forEach(n -> clusters.add(n instanceof ScalarNode s ? s.getValue() : ""));
    }
    return java.util.Optional.of(
        new Waiver(
            scalar(waiver, "policy"),
            scalar(waiver, "object"),
            clusters,
            scalar(waiver, "owner"),
            scalar(waiver, "reason"),
            expires,
            at));
  }

  private static Node value(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return tuple.getValueNode();
      }
    }
    return null;
  }

  private static String scalar(MappingNode mapping, String key) {
    return value(mapping, key) instanceof ScalarNode s ? s.getValue() : null;
  }
}
