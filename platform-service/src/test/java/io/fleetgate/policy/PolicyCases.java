package io.fleetgate.policy;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The {input, want} conformance cases in {@code policy/cases.yaml}. */
final class PolicyCases {

  static final ClusterTarget CLUSTER =
      new ClusterTarget(
          "fleet",
          "beijing-prod",
          Map.of("provider", "alibaba", "region", "cn-beijing", "env", "prod", "tier", "payments"),
          ClusterPhase.PROVISIONED);

  record Case(String name, RenderedObject object, List<String> want) {
    PolicyInput input() {
      return new PolicyInput(object, CLUSTER, "0123456789abcdef0123456789abcdef01234567");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private PolicyCases() {}

  @SuppressWarnings("unchecked")
  static List<Case> all() throws IOException {
    try (InputStream in = PolicyCases.class.getResourceAsStream("/policy/cases.yaml")) {
      List<Map<String, Object>> cases = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return cases.stream()
          .map(
              c -> {
                Map<String, Object> object = (Map<String, Object>) c.get("object");
                Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
                ObjectRef ref =
                    new ObjectRef(
                        ObjectRef.groupOf((String) object.get("apiVersion")),
                        (String) object.get("kind"),
                        String.valueOf(metadata.getOrDefault("namespace", "")),
                        (String) metadata.get("name"));
                return new Case(
                    (String) c.get("name"),
                    new RenderedObject(
                        ref, "apps", object, new SourceLocation("apps/" + ref.name() + ".yaml", 1)),
                    (List<String>) c.get("want"));
              })
          .toList();
    }
  }
}
