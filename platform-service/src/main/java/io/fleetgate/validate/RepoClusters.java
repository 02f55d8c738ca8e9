package io.fleetgate.validate;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The clusters a repository declares in {@code <cluster>/cluster.yaml} (their CAPI {@code Cluster}s
 * with labels), so that validation targets them without a management cluster.
 */
public final class RepoClusters {

  private RepoClusters() {}

  public static List<ClusterTarget> in(Path repo) throws IOException {
    List<ClusterTarget> targets = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(repo)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path declaration = dir.resolve("cluster.yaml");
        if (!Files.isRegularFile(declaration) || Files.size(declaration) > 1 << 20) {
          continue;
        }
        Object loaded =
            new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(declaration));
        if (loaded instanceof Map<?, ?> cluster
            && cluster.get("metadata") instanceof Map<?, ?> metadata) {
          Map<String, String> labels = new LinkedHashMap<>();
          if (metadata.get("labels") instanceof Map<?, ?> declared) {
            declared.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
          }
          Object name = metadata.get("name");
          Object namespace = metadata.get("namespace");
          targets.add(
              new ClusterTarget(
                  namespace == null ? "default" : namespace.toString(),
                  name == null ? dir.getFileName().toString() : name.toString(),
                  labels,
                  ClusterPhase.PROVISIONED));
        }
      }
    }
    return targets;
  }

  /**
   * The cluster of that name.
   *
   * @throws IllegalArgumentException when the repository declares none, saying where to
   */
  public static ClusterTarget named(Path repo, String cluster) throws IOException {
    return in(repo).stream()
        .filter(t -> t.name().equals(cluster))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no cluster "
                        + cluster
                        + " in "
                        + repo
                        + " (declare it in "
                        + cluster
                        + "/cluster.yaml)"));
  }
}
