package io.fleetgate.example;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the example fleet config repository in {@code clusters/} for tests. */
final class ExampleFleet {

  private ExampleFleet() {}

  static Path root() {
    Path project = Path.of(System.getProperty("fleetgate.root", ".."));
    Path clusters = project.resolve("clusters");
    return Files.isDirectory(clusters) ? clusters : Path.of("..", "clusters");
  }

  /** Every document of every YAML file below the directory, with its file. */
  static List<Document> documents(Path dir) throws IOException {
    List<Document> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object document :
              new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
            if (document instanceof Map<?, ?> map) {
              @SuppressWarnings("unchecked")
              Map<String, Object> object = (Map<String, Object>) map;
              documents.add(new Document(file, object));
            }
          }
        }
      }
    }
    return documents;
  }

  /** One YAML document and the file it came from. */
  record Document(Path file, Map<String, Object> object) {
    String kind() {
      return String.valueOf(object.get("kind"));
    }

    @SuppressWarnings("unchecked")
    Map<String, String> labels() {
      Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
      Object labels = metadata == null ? null : metadata.get("labels");
      return labels == null ? Map.of() : (Map<String, String>) labels;
    }

    @SuppressWarnings("unchecked")
    String name() {
      return String.valueOf(((Map<String, Object>) object.get("metadata")).get("name"));
    }
  }
}
