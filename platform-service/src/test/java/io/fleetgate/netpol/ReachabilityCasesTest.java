package io.fleetgate.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The semantics table: each case is a short manifest set, the rows it must produce and why ({@code
 * netpol/cases.yaml}). Every case is also computed incrementally, one policy at a time and removed
 * again, which must agree with the full analysis.
 */
class ReachabilityCasesTest {

  record Case(String name, String why, String manifests, List<String> want, boolean podsOnly) {
    @Override
    public String toString() {
      return name;
    }
  }

  @SuppressWarnings("unchecked")
  static List<Case> cases() throws Exception {
    try (InputStream in = ReachabilityCasesTest.class.getResourceAsStream("/netpol/cases.yaml")) {
      List<Map<String, Object>> cases = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return cases.stream()
          .map(
              c ->
                  new Case(
                      (String) c.get("name"),
                      (String) c.get("why"),
                      (String) c.get("manifests"),
                      (List<String>) c.get("want"),
                      "pods".equals(c.get("rows"))))
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void listsTheAllowedConnections(Case c) {
    NetworkAnalysis analysis = NetworkAnalysis.of(Manifests.model(c.manifests()));

    assertThat(rows(analysis, c.podsOnly())).as(c.why()).containsExactlyElementsOf(c.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWhenPoliciesArriveOneByOneAndLeave(Case c) {
    NetworkModel model = Manifests.model(c.manifests());
    NetworkModel bare = new NetworkModel(model.namespaces(), model.workloads(), List.of());
    NetworkAnalysis analysis = NetworkAnalysis.of(bare);
    List<String> empty = rows(analysis, false);

    model.policies().forEach(analysis::update);
    assertThat(rows(analysis, c.podsOnly())).as(c.why()).containsExactlyElementsOf(c.want());

    model.policies().reversed().forEach(p -> analysis.remove(p.id()));
    assertThat(rows(analysis, false)).isEqualTo(empty);
  }

  private static List<String> rows(NetworkAnalysis analysis, boolean podsOnly) {
    return analysis.connections().stream()
        .filter(
            r ->
                !podsOnly || (r.src() instanceof Endpoint.Pods && r.dst() instanceof Endpoint.Pods))
        .map(Connection::toString)
        .toList();
  }
}
