package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Test helper: YAML text to manifest objects, each at its document's position. */
final class Manifests {

  private Manifests() {}

  @SuppressWarnings("unchecked")
  static List<ManifestObject> parse(String yaml, String file) {
    List<ManifestObject> objects = new ArrayList<>();
    int document = 0;
    for (Object o :
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(new StringReader(yaml))) {
      document++;
      if (o != null) {
        objects.add(
            new ManifestObject((Map<String, Object>) o, new SourceLocation(file, document)));
      }
    }
    return objects;
  }

  static NetworkModel model(String yaml) {
    ModelRead read = ModelReader.read(parse(yaml, "case.yaml"));
    if (!read.ok()) {
      throw new AssertionError("manifests do not read: " + read.problems());
    }
    return read.model();
  }
}
