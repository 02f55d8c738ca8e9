package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.RenderedObject;
import io.fleetgate.policy.opaserver.OpaServer;
import io.fleetgate.policy.opaserver.OpaServerEvaluator;
import io.fleetgate.policy.wasm.WasmPolicyEvaluator;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.tools.ToolCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process Wasm engine and a real `opa run --server` give identical decisions. */
class PolicyEnginesIT {

  private static WasmPolicyEvaluator wasm;
  private static OpaServer server;
  private static OpaServerEvaluator rest;

  @BeforeAll
  static void start(@TempDir Path work) throws Exception {
    wasm = WasmPolicyEvaluator.of(PolicyBundle.builtIn());
    server =
        OpaServer.start(ToolCache.locate().executable("opa"), PolicyBundle.builtInRego(), work);
    rest = new OpaServerEvaluator(server.url(), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    wasm.close();
    server.close();
  }

  @Test
  void bothEnginesDecideEveryObjectOfTheCorpusIdentically() throws Exception {
    List<RenderedObject> corpus = new ArrayList<>();
    PolicyCases.all().forEach(c -> corpus.add(c.object()));
    Renderer renderer = new Renderer(ManifestLimits.defaults());
    corpus.addAll(renderer.render(renderer.load(exampleFleet()), PolicyCases.CLUSTER).objects());
    assertThat(corpus).hasSizeGreaterThan(20);

    int denied = 0;
    for (RenderedObject object : corpus) {
      PolicyInput input = new PolicyInput(object, PolicyCases.CLUSTER, "abc");
      PolicyDecision fromWasm = wasm.evaluate(input);
      assertThat(rest.evaluate(input)).as(object.ref().toString()).isEqualTo(fromWasm);
      denied += fromWasm.allowed() ? 0 : 1;
    }
    assertThat(denied).as("the corpus exercises denials").isGreaterThanOrEqualTo(3);
  }

  @Test
  void bothEnginesJudgeTheChangeSetIdentically() throws Exception {
    Renderer renderer = new Renderer(ManifestLimits.defaults());
    List<RenderedObject> objects =
        renderer.render(renderer.load(exampleFleet()), PolicyCases.CLUSTER).objects();
    List<RenderedObject> weakened =
        objects.stream()
            .filter(
                o ->
                    !(o.ref().kind().equals("NetworkPolicy")
                        && o.ref().namespace().equals("billing")
                        && o.ref().name().equals("default-deny-all")))
            .toList();
    java.util.Map<String, Object> params = java.util.Map.of("cde_allowed_sources", List.of());

    ChangeSetInput clean =
        new ChangeSetInput(objects, PolicyCases.CLUSTER, "abc", java.util.Map.of());
    ChangeSetInput broken = new ChangeSetInput(weakened, PolicyCases.CLUSTER, "abc", params);

    assertThat(wasm.evaluateChangeSet(clean)).isEqualTo(ChangeSetDecision.none());
    assertThat(rest.evaluateChangeSet(clean)).isEqualTo(ChangeSetDecision.none());
    ChangeSetDecision fromWasm = wasm.evaluateChangeSet(broken);
    assertThat(rest.evaluateChangeSet(broken)).isEqualTo(fromWasm);
    assertThat(fromWasm.denials())
        .extracting(
            f -> f.finding().policy() + " " + f.kind() + " " + f.namespace() + "/" + f.name())
        .containsExactly(
            "cde_reachability NetworkPolicy payments/payment-gateway-from-ingress",
            "network_default_deny Namespace /billing");
  }

  @Test
  void bothEnginesDenyAPathTheNetworkPolicyEngineFindsIntoTheCde() throws Exception {
    Renderer renderer = new Renderer(ManifestLimits.defaults());
    List<RenderedObject> objects = new ArrayList<>();
    for (RenderedObject o :
        renderer.render(renderer.load(exampleFleet()), PolicyCases.CLUSTER).objects()) {
      boolean paymentsDefaultDeny =
          o.ref().kind().equals("NetworkPolicy")
              && o.ref().namespace().equals("payments")
              && o.ref().name().equals("default-deny-all");
      if (!paymentsDefaultDeny) {
        objects.add(o);
      }
    }
    objects.add(deployment("lab", "scanner"));
    objects.add(deployment("payments", "debug"));
    ChangeSetInput input =
        new ChangeSetInput(objects, PolicyCases.CLUSTER, "abc", java.util.Map.of());

    ChangeSetDecision fromWasm = wasm.evaluateChangeSet(input);

    assertThat(rest.evaluateChangeSet(input)).isEqualTo(fromWasm);
    assertThat(fromWasm.denials())
        .filteredOn(f -> f.finding().policy().equals("cde_reachability"))
        .extracting(
            f -> f.kind() + " " + f.namespace() + "/" + f.name() + ": " + f.finding().message())
        .containsExactlyInAnyOrder(
            "Deployment payments/debug: 0.0.0.0-255.255.255.255 => payments/debug[Deployment] (All"
                + " Connections) reaches the cardholder-data namespace payments from outside its"
                + " allow-list, opened by no policy: payments/debug[Deployment] is not isolated for"
                + " ingress",
            "Deployment payments/debug: lab/scanner[Deployment] => payments/debug[Deployment] (All"
                + " Connections) reaches the cardholder-data namespace payments from outside its"
                + " allow-list, opened by no policy: payments/debug[Deployment] is not isolated for"
                + " ingress");
  }

  private static RenderedObject deployment(String namespace, String name) {
    java.util.Map<String, Object> content =
        java.util.Map.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            java.util.Map.of("name", name, "namespace", namespace),
            "spec",
            java.util.Map.of(
                "template",
                java.util.Map.of(
                    "metadata", java.util.Map.of("labels", java.util.Map.of("app", name)),
                    "spec",
                        java.util.Map.of(
                            "containers", List.of(java.util.Map.of("name", "c", "image", "x"))))));
    return new RenderedObject(
        new io.fleetgate.domain.ObjectRef("apps", "Deployment", namespace, name),
        "apps",
        content,
        io.fleetgate.domain.SourceLocation.file(namespace + "/" + name + ".yaml"));
  }

  @Test
  void aKilledServerFailsClosed(@TempDir Path work) throws Exception {
    OpaServer doomed =
        OpaServer.start(ToolCache.locate().executable("opa"), PolicyBundle.builtInRego(), work);
    OpaServerEvaluator evaluator = new OpaServerEvaluator(doomed.url(), Duration.ofMillis(500));
    PolicyCases.Case clean =
        PolicyCases.all().stream().filter(c -> c.want().isEmpty()).findFirst().orElseThrow();
    assertThat(evaluator.evaluate(clean.input()).allowed()).isTrue();

    doomed.kill();

    assertThatThrownBy(() -> evaluator.evaluate(clean.input()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("unreachable");
    GateResult gate =
        new PolicyGate(evaluator).check(List.of(clean.object()), PolicyCases.CLUSTER, "abc");
    assertThat(gate.deniedBundles()).containsExactly("apps");
  }

  private static Path exampleFleet() {
    Path clusters = Path.of(System.getProperty("fleetgate.root", ".."), "clusters");
    return Files.isDirectory(clusters) ? clusters : Path.of("..", "clusters");
  }
}
