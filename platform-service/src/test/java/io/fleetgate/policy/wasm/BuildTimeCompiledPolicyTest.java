package io.fleetgate.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.ChangeSetInput;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyInput;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The built-in bundle decides identically from its build-time compiled module and from the same
 * module compiled by the OPA Java SDK when the process starts: every object of the conformance
 * cases and of the example fleet, one by one and as one change set.
 */
class BuildTimeCompiledPolicyTest {

  private static final ClusterTarget CLUSTER =
      new ClusterTarget(
          "fleet",
          "beijing-prod",
          Map.of("provider", "alibaba", "region", "cn-beijing", "env", "prod", "tier", "payments"),
          ClusterPhase.PROVISIONED);

  private static WasmPolicyEvaluator buildTime;
  private static WasmPolicyEvaluator runTime;

  @BeforeAll
  static void load() throws Exception {
    buildTime = WasmPolicyEvaluator.of(PolicyBundle.builtIn());
    runTime = WasmPolicyEvaluator.compiledAtRunTime(PolicyBundle.builtIn());
  }

  @AfterAll
  static void close() {
    buildTime.close();
    runTime.close();
  }

  @Test
  void theBuiltInBundleHasItsBuildTimeCompiledModule() throws Exception {
    assertThat(BuiltInModule.compiledFor(PolicyBundle.builtIn().policyWasm())).isPresent();
    assertThat(BuiltInModule.compiledFor(new byte[] {0, 'a', 's', 'm'})).isEmpty();
  }

  @Test
  void decidesEveryObjectAsTheRunTimeCompiledModuleDoes() throws Exception {
    List<RenderedObject> corpus = corpus();
    int denied = 0;
    for (RenderedObject object : corpus) {
      PolicyInput input = new PolicyInput(object, CLUSTER, "abc", Map.of());
      var decision = buildTime.evaluate(input);
      assertThat(decision).as(object.ref().toString()).isEqualTo(runTime.evaluate(input));
      denied += decision.allowed() ? 0 : 1;
    }
    assertThat(denied).as("the corpus exercises denials").isGreaterThanOrEqualTo(3);

    ChangeSetInput all = new ChangeSetInput(corpus, CLUSTER, "abc", Map.of());
    assertThat(buildTime.evaluateChangeSet(all)).isEqualTo(runTime.evaluateChangeSet(all));
  }

  @Test
  void evaluatesAChangeSetLargerThanItsInitialMemory() throws Exception {
    List<RenderedObject> corpus = corpus();
    List<RenderedObject> many = new ArrayList<>();
    for (int i = 0; many.size() < 3000; i++) {
      for (RenderedObject object : corpus) {
        many.add(
            new RenderedObject(
                new ObjectRef(
                    object.ref().group(),
                    object.ref().kind(),
                    object.ref().namespace(),
                    object.ref().name() + "-" + i),
                object.bundle(),
                object.content(),
                object.source()));
      }
    }
    ChangeSetInput large = new ChangeSetInput(many, CLUSTER, "abc", Map.of());
    assertThat(large.toJson().length()).isGreaterThan(10 * 65536);
    assertThat(buildTime.evaluateChangeSet(large)).isEqualTo(runTime.evaluateChangeSet(large));
  }

  @SuppressWarnings("unchecked")
  private static List<RenderedObject> corpus() throws Exception {
    List<RenderedObject> corpus = new ArrayList<>();
    try (InputStream in =
        BuildTimeCompiledPolicyTest.class.getResourceAsStream("/policy/cases.yaml")) {
      List<Map<String, Object>> cases = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      for (Map<String, Object> c : cases) {
        Map<String, Object> object = (Map<String, Object>) c.get("object");
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        ObjectRef ref =
            new ObjectRef(
                ObjectRef.groupOf((String) object.get("apiVersion")),
                (String) object.get("kind"),
                String.valueOf(metadata.getOrDefault("namespace", "")),
                (String) metadata.get("name"));
        corpus.add(
            new RenderedObject(
                ref, "apps", object, new SourceLocation("apps/" + ref.name() + ".yaml", 1)));
      }
    }
    Renderer renderer = new Renderer(ManifestLimits.defaults());
    corpus.addAll(renderer.render(renderer.load(exampleFleet()), CLUSTER).objects());
    return corpus;
  }

  private static Path exampleFleet() {
    Path clusters = Path.of(System.getProperty("fleetgate.root", ".."), "clusters");
    return Files.isDirectory(clusters) ? clusters : Path.of("..", "clusters");
  }
}
