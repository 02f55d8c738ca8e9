package io.fleetgate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.slo.PrometheusRules;
import io.fleetgate.slo.RuleFile;
import io.fleetgate.slo.RuleGenerator;
import io.fleetgate.slo.Slo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which SLOs' rules the generated bundle delivers to which cluster, and when it refuses. */
class SloRuleBundleTest {

  private static final ClusterTarget BEIJING =
      target("beijing-prod", Map.of("region", "cn-beijing", "tier", "payments", "operator", "yes"));
  private static final ClusterTarget GUANGZHOU =
      target(
          "guangzhou-prod",
          Map.of("region", "cn-guangzhou", "tier", "payments", "operator", "yes"));
  private static final ClusterTarget AWS =
      target("aws-cn-north-1-prod", Map.of("region", "cn-north-1", "tier", "general"));

  /** Clusters labelled {@code operator: yes} take the rules; the others only have a Prometheus. */
  private static final String SLO_SETTINGS =
      """
        slo:
          prometheus:
            - clusterSelector: {matchLabels: {operator: "yes"}}
              url: http://prometheus.{cluster}.internal:9090
              rules:
                delivery: PrometheusRule
                namespace: monitoring
                labels: {release: kube-prometheus-stack}
            - url: https://prometheus.example.com
          targets:
            - service: payment-gateway
              clusterSelector: {matchLabels: {tier: payments}}
            - service: billing
              clusterSelector: {matchLabels: {region: cn-guangzhou}}
      """;

  private final Renderer renderer = new Renderer(ManifestLimits.defaults());

  @Test
  void deliversOnePrometheusRulePerSloJudgedOnTheCluster(@TempDir Path repo) throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/payment-gateway.yaml", sloth("payment-gateway", "availability", "latency"));
    write(repo, "slos/billing.yaml", sloth("billing", "availability"));
    write(repo, "slos/search.yaml", sloth("search", "availability"));
    LoadedRepo loaded = renderer.load(repo);

    RenderResult beijing = renderer.render(loaded, BEIJING);
    RenderResult guangzhou = renderer.render(loaded, GUANGZHOU);
    RenderResult aws = renderer.render(loaded, AWS);

    assertThat(beijing.problems()).isEmpty();
    assertThat(beijing.bundles()).containsExactly("apps", SloRuleBundle.NAME);
    assertThat(names(beijing))
        .as("billing is judged on Guangzhou only; search, without a target, everywhere")
        .containsExactly(
            "fleetgate-slo-payment-gateway-availability",
            "fleetgate-slo-payment-gateway-latency",
            "fleetgate-slo-search-availability");
    assertThat(names(guangzhou))
        .containsExactly(
            "fleetgate-slo-billing-availability",
            "fleetgate-slo-payment-gateway-availability",
            "fleetgate-slo-payment-gateway-latency",
            "fleetgate-slo-search-availability");
    assertThat(aws.bundles()).as("its Prometheus entry delivers no rules").containsExactly("apps");
    assertThat(names(aws)).isEmpty();
  }

  @Test
  void eachObjectHoldsItsSlosGeneratedRulesLabelledForTheOperator(@TempDir Path repo)
      throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/payment-gateway.yaml", sloth("payment-gateway", "availability"));
    LoadedRepo loaded = renderer.load(repo);
    Slo slo = loaded.slos().slos().getFirst();

    RenderedObject object =
        renderer.render(loaded, BEIJING).objects().stream()
            .filter(o -> o.bundle().equals(SloRuleBundle.NAME))
            .findFirst()
            .orElseThrow();

    assertThat(object.ref().toString())
        .contains("PrometheusRule")
        .contains("monitoring/fleetgate-slo-payment-gateway-availability");
    assertThat(object.source()).isEqualTo(slo.declaredAt());
    assertThat(object.content())
        .isEqualTo(
            PrometheusRules.object(
                slo,
                "monitoring",
                Map.of("release", "kube-prometheus-stack"),
                RuleGenerator.rules(slo)));
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) object.content().get("metadata");
    assertThat(metadata.get("labels"))
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/managed-by", "fleetgate", "release", "kube-prometheus-stack"));
    assertThat(RuleFile.prometheusRules(List.of(object.content()), List.of("x")))
        .contains("fleetgate-slo-payment-gateway-availability-sli");
  }

  @Test
  void anSloSpecWithAProblemStopsTheRenderOfClustersTakingTheRulesOnly(@TempDir Path repo)
      throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/payment-gateway.yaml", sloth("payment-gateway", "availability"));
    write(
        repo,
        "slos/billing.yaml",
        sloth("billing", "availability").replace("objective: 99.9", "objective: 120"));
    LoadedRepo loaded = renderer.load(repo);

    RenderResult beijing = renderer.render(loaded, BEIJING);

    assertThat(beijing.ok()).isFalse();
    assertThat(beijing.problems())
        .singleElement()
        .satisfies(
            p -> assertThat(p.toString()).startsWith("slos/billing.yaml:").contains("objective"));
    assertThat(beijing.objects()).noneMatch(o -> o.bundle().equals(SloRuleBundle.NAME));
    assertThat(renderer.render(loaded, AWS).ok())
        .as("a cluster that takes no rules is not held up by a spec it does not use")
        .isTrue();
  }

  @Test
  void withNoSloForTheClusterTheBundleIsNotSelectedSoWhatItDeliveredIsRetired(@TempDir Path repo)
      throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/billing.yaml", sloth("billing", "availability"));

    RenderResult beijing = renderer.render(renderer.load(repo), BEIJING);

    assertThat(beijing.problems()).isEmpty();
    assertThat(beijing.bundles()).containsExactly("apps");
    assertThat(
            SloRuleBundle.takes(
                renderer.load(repo).spec(), renderer.load(repo).slos(), BEIJING.labels()))
        .isFalse();
  }

  @Test
  void refusesTwoSlosThatWouldBeOneObjectNamingBoth(@TempDir Path repo) throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/a.yaml", sloth("pay_ments", "availability"));
    write(repo, "slos/b.yaml", sloth("pay-ments", "availability"));

    RenderResult beijing = renderer.render(renderer.load(repo), BEIJING);

    assertThat(beijing.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .contains("fleetgate-slo-pay-ments-availability")
                    .contains("slos/a.yaml:4")
                    .contains("slos/b.yaml:4")
                    .contains("rename"));
    assertThat(beijing.objects()).noneMatch(o -> o.bundle().equals(SloRuleBundle.NAME));
  }

  @Test
  void refusesARepositoryObjectWithTheIdentityOfAGeneratedOne(@TempDir Path repo)
      throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/billing.yaml", sloth("search", "availability"));
    write(
        repo,
        "apps/rule.yaml",
        "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n"
            + "  name: fleetgate-slo-search-availability\n  namespace: monitoring\nspec: {groups: []}\n");

    RenderResult beijing = renderer.render(renderer.load(repo), BEIJING);

    assertThat(beijing.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).contains("again").contains("apps/rule.yaml:1"));
  }

  @Test
  void refusesAClusterOverlayThatWouldPatchAGeneratedObject(@TempDir Path repo) throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/search.yaml", sloth("search", "availability"));
    write(
        repo,
        "beijing-prod/cluster.yaml",
        "apiVersion: cluster.x-k8s.io/v1beta2\nkind: Cluster\nmetadata:\n  name: beijing-prod\n"
            + "  namespace: fleet\n");
    write(
        repo,
        "beijing-prod/rule.yaml",
        "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n"
            + "  name: fleetgate-slo-search-availability\n  namespace: monitoring\n"
            + "  labels: {release: null}\nspec: {groups: []}\n");

    RenderResult beijing = renderer.render(renderer.load(repo), BEIJING);

    assertThat(beijing.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .contains("beijing-prod/rule.yaml:1")
                    .contains("generates from the SLO specs"));
  }

  @Test
  void anySlothNameGivesAnObjectNameTheApiServerAccepts(@TempDir Path repo) throws IOException {
    fleet(repo, SLO_SETTINGS);
    write(repo, "slos/a.yaml", sloth("Payment_Gateway", "API_Latency_p99"));
    write(repo, "slos/b.yaml", sloth("s".repeat(128), "n".repeat(128)));
    LoadedRepo loaded = renderer.load(repo);
    assertThat(loaded.slos().problems()).isEmpty();

    List<String> names = names(renderer.render(loaded, BEIJING));

    assertThat(names)
        .hasSize(2)
        .allSatisfy(
            n ->
                assertThat(n)
                    .hasSizeLessThanOrEqualTo(253)
                    .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"))
        .contains("fleetgate-slo-payment-gateway-api-latency-p99");
  }

  @Test
  void refusesARepositoryBundleNamedLikeTheGeneratedOne(@TempDir Path repo) throws IOException {
    write(
        repo,
        "fleet.yaml",
        "apiVersion: fleetgate.io/v1alpha1\nkind: Fleet\nmetadata:\n  name: t\nspec:\n  bundles:\n"
            + "    - name: slo-rules\n      path: apps\n");
    write(repo, "apps/c.yaml", configMap());

    assertThat(renderer.load(repo).fleetProblems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .startsWith("fleet.yaml:1:")
                    .contains("'slo-rules' is reserved")
                    .contains("choose another"));
  }

  record BadRules(String rules, int line, String says) {}

  static Stream<BadRules> badRules() {
    return Stream.of(
        new BadRules("rules: PrometheusRule", 13, "must be a mapping"),
        new BadRules("rules: {namespace: monitoring}", 13, "delivery must be PrometheusRule"),
        new BadRules(
            "rules:\n          delivery: RuleFile\n          namespace: monitoring",
            14,
            "not 'RuleFile'; for a Prometheus outside the cluster write rule files with"),
        new BadRules("rules:\n          delivery: PrometheusRule", 13, "namespace is required"),
        new BadRules(
            "rules:\n          delivery: PrometheusRule\n          namespace: Monitoring",
            15,
            "'Monitoring' is not a namespace name"),
        new BadRules(
            "rules:\n          delivery: PrometheusRule\n          namspace: monitoring",
            15,
            "rules.namspace is not a field; use delivery, namespace and labels"),
        new BadRules(
            "rules:\n          delivery: PrometheusRule\n          namespace: monitoring\n"
                + "          labels:\n            fleetgate.io/bundle: mine",
            17,
            "'fleetgate.io/bundle' is set by Fleetgate"),
        new BadRules(
            "rules:\n          delivery: PrometheusRule\n          namespace: monitoring\n"
                + "          labels:\n            release: 'not a value!'",
            17,
            "release must be a label value"));
  }

  @ParameterizedTest
  @MethodSource("badRules")
  void refusesBadRuleDeliveryNamingTheLineOfTheField(BadRules bad, @TempDir Path repo)
      throws IOException {
    fleet(
        repo,
        """
          slo:
            prometheus:
              - url: http://prometheus:9090
                %s
        """
            .formatted(bad.rules()));

    assertThat(renderer.load(repo).fleetProblems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .startsWith("fleet.yaml:" + bad.line() + ": spec.slo.prometheus[0].")
                    .contains(bad.says()));
  }

  private static List<String> names(RenderResult render) {
    return render.objects().stream()
        .filter(o -> o.bundle().equals(SloRuleBundle.NAME))
        .map(o -> o.ref().name())
        .sorted()
        .toList();
  }

  private static ClusterTarget target(String name, Map<String, String> labels) {
    return new ClusterTarget("fleet", name, labels, ClusterPhase.PROVISIONED);
  }

  /** fleet.yaml with one bundle {@code apps} for every cluster (lines 1–9), then {@code slo}. */
  private static void fleet(Path repo, String slo) throws IOException {
    write(
        repo,
        "fleet.yaml",
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: Fleet
        metadata:
          name: test
        spec:
          bundles:
            - name: apps
              path: apps
              clusterSelector: {}
        """
            + slo);
    write(repo, "apps/c.yaml", configMap());
  }

  static String sloth(String service, String... slos) {
    StringBuilder text =
        new StringBuilder("version: prometheus/v1\nservice: " + service + "\nslos:\n");
    for (String slo : slos) {
      text.append(
          """
            - name: %s
              objective: 99.9
              sli:
                events:
                  error_query: sum(rate(http_requests_total{service="%s",code=~"5.."}[{{.window}}]))
                  total_query: sum(rate(http_requests_total{service="%s"}[{{.window}}]))
              alerting:
                name: %sHighErrorRate
          """
              .formatted(slo, service, service, slo.replace("-", "")));
    }
    return text.toString();
  }

  private static String configMap() {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: apps\ndata:\n  k: v\n";
  }

  private static void write(Path repo, String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
