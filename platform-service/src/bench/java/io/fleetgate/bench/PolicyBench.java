package io.fleetgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyDecision;
import io.fleetgate.policy.PolicyInput;
import io.fleetgate.policy.opaserver.OpaServer;
import io.fleetgate.policy.opaserver.OpaServerEvaluator;
import io.fleetgate.policy.wasm.WasmPolicyEvaluator;
import io.fleetgate.tools.ToolCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policy evaluation of a ~2 KB Deployment: the in-process Wasm engine (one thread = one core), the
 * OPA server over REST, and as baseline OPA's own Go evaluator measured by {@code opa bench}.
 */
final class PolicyBench {

  private static final int WARMUP = Size.of(3_000, 30);
  private static final int WASM_EVALS = Size.of(20_000, 200);
  private static final int SERVER_EVALS = Size.of(3_000, 30);

  private static double goP50;
  private static double goP99;

  private PolicyBench() {}

  static void run() throws Exception {
    PolicyInput input = input();
    String json = input.toJson();
    Report.line("");
    Report.line(
        "### Policy evaluation (input "
            + json.length()
            + " bytes, "
            + ruleCount()
            + " deny/warn rules)");
    Report.line("");
    Report.line("| engine | evaluations/s (one core) | p50 | p99 |");
    Report.line("|---|---|---|---|");

    double wasmMicros;
    PolicyDecision wasmDecision;
    try (WasmPolicyEvaluator wasm = WasmPolicyEvaluator.of(PolicyBundle.builtIn())) {
      wasmDecision = requireAllowed(wasm.evaluate(input), "the Wasm engine");
      for (int i = 0; i < WARMUP; i++) {
        wasm.evaluate(input);
      }
      long[] nanos = new long[WASM_EVALS];
      long start = System.nanoTime();
      for (int i = 0; i < WASM_EVALS; i++) {
        long t = System.nanoTime();
        wasm.evaluate(input);
        nanos[i] = System.nanoTime() - t;
      }
      double perSecond = WASM_EVALS / ((System.nanoTime() - start) / 1e9);
      Stats stats = Stats.of(nanos);
      wasmMicros = 1e6 / perSecond;
      Report.line(
          "| Fleetgate, Wasm in process (Chicory, compiled at build time) | %,.0f | %.0f µs | %.0f µs |"
              .formatted(perSecond, stats.p50Micros(), stats.p99Micros()));
    }

    Path work = Files.createTempDirectory("fleetgate-bench-opa");
    try (OpaServer server =
        OpaServer.start(ToolCache.locate().executable("opa"), PolicyBundle.builtInRego(), work)) {
      OpaServerEvaluator rest = new OpaServerEvaluator(server.endpoint(), Duration.ofSeconds(5));
      if (!requireAllowed(rest.evaluate(input), "the OPA server").equals(wasmDecision)) {
        throw new IllegalStateException(
            "the OPA server and the Wasm engine decided differently on the same input");
      }
      for (int i = 0; i < WARMUP / 3; i++) {
        rest.evaluate(input);
      }
      long[] nanos = new long[SERVER_EVALS];
      long start = System.nanoTime();
      for (int i = 0; i < SERVER_EVALS; i++) {
        long t = System.nanoTime();
        rest.evaluate(input);
        nanos[i] = System.nanoTime() - t;
      }
      double perSecond = SERVER_EVALS / ((System.nanoTime() - start) / 1e9);
      Stats stats = Stats.of(nanos);
      Report.line(
          "| Fleetgate, OPA server over REST (loopback) | %,.0f | %.0f µs | %.0f µs |"
              .formatted(perSecond, stats.p50Micros(), stats.p99Micros()));
    }

    double goMicros = opaBench(work, json);
    Report.line(
        "| baseline: OPA's Go evaluator, prepared query (`opa bench`) | %,.0f | %.0f µs | %.0f µs |"
            .formatted(1e6 / goMicros, goP50, goP99));
    Report.line("");
    Report.line(
        "Wasm in process / Go prepared eval, time per evaluation: **%.2f×** (below 1 is faster than OPA in Go)."
            .formatted(wasmMicros / goMicros));
  }

  /** Fails unless the decision allows the input, which passes every policy by construction. */
  private static PolicyDecision requireAllowed(PolicyDecision decision, String engine) {
    if (!decision.allowed()) {
      throw new IllegalStateException(
          engine + " denied the benchmark's Deployment: " + decision.denials());
    }
    return decision;
  }

  /** Mean µs per evaluation of OPA's Go evaluator on the same policies and input. */
  private static double opaBench(Path work, String json) throws Exception {
    Path inputFile = work.resolve("input.json");
    Files.writeString(inputFile, json);
    requireGoAllows(work, inputFile);
    Process process =
        new ProcessBuilder(
                ToolCache.locate().executable("opa").toString(),
                "bench",
                "--format",
                "json",
                "--count",
                "1",
                "-d",
                work.resolve("policies").toString(),
                "-i",
                inputFile.toString(),
                "data.fleetgate.main.decision")
            .redirectErrorStream(false)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "opa bench failed: " + new String(process.getErrorStream().readAllBytes()));
    }
    JsonNode result = new ObjectMapper().readTree(out);
    if (result.path("N").asLong() <= 0) {
      throw new IllegalStateException("opa bench evaluated nothing: " + out);
    }
    JsonNode extra = result.path("Extra");
    goP50 = extra.path("histogram_timer_rego_query_eval_ns_median").asDouble() / 1e3;
    goP99 = extra.path("histogram_timer_rego_query_eval_ns_99%").asDouble() / 1e3;
    return result.get("T").asDouble() / result.get("N").asDouble() / 1e3;
  }

  /** Fails unless OPA's Go evaluator, given the same files, also allows the input. */
  private static void requireGoAllows(Path work, Path inputFile) throws Exception {
    Process process =
        new ProcessBuilder(
                ToolCache.locate().executable("opa").toString(),
                "eval",
                "--format",
                "json",
                "-d",
                work.resolve("policies").toString(),
                "-i",
                inputFile.toString(),
                "data.fleetgate.main.decision")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("opa eval failed: " + out);
    }
    JsonNode decision = new ObjectMapper().readTree(out).at("/result/0/expressions/0/value");
    if (!decision.path("deny").isArray() || !decision.path("deny").isEmpty()) {
      throw new IllegalStateException("OPA's Go evaluator did not allow the input: " + decision);
    }
  }

  private static int ruleCount() throws Exception {
    int rules = 0;
    for (String source : PolicyBundle.builtInRego().regoSources().values()) {
      for (String line : source.split("\n")) {
        if (line.startsWith("deny contains")
            || line.startsWith("warn contains")
            || line.startsWith("violation contains")) {
          rules++;
        }
      }
    }
    return rules;
  }

  /** A realistic ~2 KB Deployment that passes every policy (the common case at sync time). */
  static PolicyInput input() {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "gateway");
    container.put("image", "registry.fleetgate.io/payments/payment-gateway:4.12.3");
    container.put("ports", List.of(Map.of("name", "https", "containerPort", 8443)));
    List<Map<String, Object>> env = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      env.add(Map.of("name", "SETTING_" + i, "value", "value-number-" + i + "-for-the-gateway"));
    }
    container.put("env", env);
    container.put(
        "resources",
        Map.of(
            "requests",
            Map.of("cpu", "250m", "memory", "256Mi"),
            "limits",
            Map.of("memory", "512Mi")));
    container.put(
        "securityContext",
        Map.of(
            "allowPrivilegeEscalation",
            false,
            "runAsNonRoot",
            true,
            "readOnlyRootFilesystem",
            true,
            "capabilities",
            Map.of("drop", List.of("ALL"))));
    Map<String, Object> deployment = new LinkedHashMap<>();
    deployment.put("apiVersion", "apps/v1");
    deployment.put("kind", "Deployment");
    deployment.put(
        "metadata",
        Map.of(
            "name",
            "payment-gateway",
            "namespace",
            "payments",
            "labels",
            Map.of(
                "app.kubernetes.io/name",
                "payment-gateway",
                "app.kubernetes.io/part-of",
                "payments",
                "fleetgate.io/owner",
                "payments-team")));
    deployment.put(
        "spec",
        Map.of(
            "replicas",
            3,
            "selector",
            Map.of("matchLabels", Map.of("app.kubernetes.io/name", "payment-gateway")),
            "template",
            Map.of(
                "metadata",
                Map.of("labels", Map.of("app.kubernetes.io/name", "payment-gateway")),
                "spec",
                Map.of("automountServiceAccountToken", false, "containers", List.of(container)))));
    RenderedObject object =
        new RenderedObject(
            new ObjectRef("apps", "Deployment", "payments", "payment-gateway"),
            "payments",
            deployment,
            new SourceLocation("bundles/payments/payment-gateway.yaml", 1));
    ClusterTarget cluster =
        new ClusterTarget(
            "fleet",
            "beijing-prod",
            Map.of(
                "provider", "alibaba", "region", "cn-beijing", "env", "prod", "tier", "payments"),
            ClusterPhase.PROVISIONED);
    return new PolicyInput(object, cluster, "0123456789abcdef0123456789abcdef01234567");
  }
}
