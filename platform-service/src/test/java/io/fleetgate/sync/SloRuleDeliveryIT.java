package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.cli.CliRun;
import io.fleetgate.domain.FleetgateMetadata;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.render.SloRuleBundle;
import io.fleetgate.slo.Promtool;
import io.fleetgate.testing.Crds;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * SLO rules delivered by the sync engine as PrometheusRule objects, on the sandbox fleet: the
 * Prometheus Operator's CRD (fetched by bin/setup) installed in the two payments clusters, which
 * fleet.yaml opts in; the AWS cluster has a Prometheus but neither the CRD nor the delivery. Each
 * test builds on the commits before it.
 */
@SandboxFleetTest(dedicated = true, clusters = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SloRuleDeliveryIT {

  private static final GroupVersionKind PROMETHEUS_RULE =
      new GroupVersionKind("monitoring.coreos.com", "v1", "PrometheusRule");
  private static final GroupVersionKind DEPLOYMENT =
      new GroupVersionKind("apps", "v1", "Deployment");

  private static final String BEIJING = "beijing-prod";
  private static final String GUANGZHOU = "guangzhou-prod";
  private static final String AWS = "aws-cn-north-1-prod";
  private static final String NAMESPACE = "platform-observability";

  private static final String GATEWAY =
      "fleetgate-slo-payment-gateway-payment-gateway-availability";
  private static final String BILLING_REQUESTS = "fleetgate-slo-billing-service-requests";
  private static final String BILLING_SETTLEMENT = "fleetgate-slo-billing-service-settlement";

  /** The payments clusters take the rules; billing's SLOs are judged in Guangzhou only. */
  private static final String DELIVERY =
      """
        slo:
          prometheus:
            - clusterSelector: {matchLabels: {tier: payments}}
              url: http://prometheus.{cluster}.internal:9090
              rules:
                delivery: PrometheusRule
                namespace: platform-observability
                labels: {release: kube-prometheus-stack}
            - url: http://prometheus.global.internal:9090
          targets:
            - service: billing-service
              clusterSelector: {matchLabels: {region: cn-guangzhou}}
      """;

  @TempDir static Path work;
  private static FleetRepo repo;
  private static Path dataDir;
  private static String fleetWithoutSlo;
  private static String gatewaySpec;

  @BeforeAll
  static void seed() {
    repo = FleetRepo.seed(work.resolve("fleet"));
    dataDir = work.resolve("data");
    fleetWithoutSlo = repo.read("fleet.yaml");
    gatewaySpec = repo.read("slos/payment-gateway.yaml");
  }

  @Test
  @Order(1)
  void deliversTheRulesOfEachClustersSlosAsWhatSloRulesWritesForIt(SandboxFleetHandle sandbox)
      throws Exception {
    Crds.installPrometheusRule(sandbox.cluster(BEIJING));
    Crds.installPrometheusRule(sandbox.cluster(GUANGZHOU));
    repo.write("fleet.yaml", fleetWithoutSlo + DELIVERY)
        .write("slos/billing-service.yaml", billing("requests", "settlement"))
        .commit("Deliver the SLO rules to the payments clusters");

    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    assertThat(live(sandbox, BEIJING)).containsOnlyKeys(GATEWAY);
    assertThat(live(sandbox, GUANGZHOU))
        .containsOnlyKeys(GATEWAY, BILLING_REQUESTS, BILLING_SETTLEMENT);
    for (String cluster : List.of(BEIJING, GUANGZHOU)) {
      assertThat(groups(live(sandbox, cluster).values()))
          .as("%s: the live objects' groups are what 'slo rules --cluster' writes", cluster)
          .isEqualTo(groupsWritten(cluster))
          .isNotEmpty();
    }
    KubeObject gateway = live(sandbox, BEIJING).get(GATEWAY);
    assertThat(gateway.label(FleetgateMetadata.BUNDLE_LABEL)).contains(SloRuleBundle.NAME);
    assertThat(gateway.label("app.kubernetes.io/managed-by")).contains("fleetgate");
    assertThat(gateway.label("release")).contains("kube-prometheus-stack");
    assertThat(
            gateway
                .at("metadata", "annotations", FleetgateMetadata.SOURCE_ANNOTATION)
                .map(JsonElement::getAsString))
        .contains("slos/payment-gateway.yaml:2");
    ClusterOutcome beijing = outcome(report, BEIJING);
    assertThat(beijing.gate().orElseThrow().verdicts())
        .as("judged by the policy gate like every object")
        .anySatisfy(v -> assertThat(v.object().ref().name()).isEqualTo(GATEWAY));
    assertThat(beijing.report().orElseThrow().results())
        .anySatisfy(
            r -> {
              assertThat(r.ref().name()).isEqualTo(GATEWAY);
              assertThat(r.bundle()).isEqualTo(SloRuleBundle.NAME);
              assertThat(r.action()).isEqualTo(ObjectResult.Action.APPLIED);
            });
    assertThat(outcome(report, AWS).report().orElseThrow().results())
        .noneMatch(r -> r.bundle().equals(SloRuleBundle.NAME));
  }

  @Test
  @Order(2)
  void theDeliveredGroupsPassPromtoolCheckRules(SandboxFleetHandle sandbox) throws Exception {
    // The operator writes each PrometheusRule to a rule file of its own: check each likewise.
    for (KubeObject object : live(sandbox, GUANGZHOU).values()) {
      Path file = work.resolve(object.name() + ".rules.json");
      Files.writeString(
          file, new Gson().toJson(Map.of("groups", groups(List.of(object)).values())));

      assertThat(Promtool.locate().check(file))
          .as(object.name())
          .contains("SUCCESS")
          .doesNotContain("FAILED");
    }
  }

  @Test
  @Order(3)
  void anSloRemovedFromGitHasItsPrometheusRulePruned(SandboxFleetHandle sandbox) throws Exception {
    repo.write("slos/billing-service.yaml", billing("requests"))
        .commit("Retire the settlement SLO");

    ClusterPlan preview =
        plan(sandbox).stream().filter(p -> p.cluster().equals(GUANGZHOU)).findFirst().orElseThrow();
    assertThat(preview.changes())
        .as("fleetgate diff shows the bundle like any other")
        .anySatisfy(
            c -> {
              assertThat(c.ref().name()).isEqualTo(BILLING_SETTLEMENT);
              assertThat(c.bundle()).isEqualTo(SloRuleBundle.NAME);
              assertThat(c.change()).isEqualTo(io.fleetgate.apply.PlannedChange.Change.PRUNE);
            })
        .anySatisfy(
            c -> {
              assertThat(c.ref().name()).isEqualTo(BILLING_REQUESTS);
              assertThat(c.change()).isEqualTo(io.fleetgate.apply.PlannedChange.Change.UNCHANGED);
            });
    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    assertThat(live(sandbox, GUANGZHOU)).containsOnlyKeys(GATEWAY, BILLING_REQUESTS);
    assertThat(outcome(report, GUANGZHOU).report().orElseThrow().results())
        .anySatisfy(
            r -> {
              assertThat(r.ref().name()).isEqualTo(BILLING_SETTLEMENT);
              assertThat(r.action()).isEqualTo(ObjectResult.Action.PRUNED);
            });
  }

  @Test
  @Order(4)
  void anSloSpecWithAProblemStallsTheClustersTakingTheRulesAndPrunesNothing(
      SandboxFleetHandle sandbox) throws Exception {
    String gateway = repo.read("slos/payment-gateway.yaml");
    repo.write("slos/payment-gateway.yaml", gateway.replace("target: 0.999", "target: 1.5"))
        .delete("slos/billing-service.yaml")
        .commit("A typo in the gateway's SLO, and billing's SLOs retired");

    SyncReport report = sync(sandbox);

    for (String cluster : List.of(BEIJING, GUANGZHOU)) {
      assertThat(outcome(report, cluster))
          .as(describe(report))
          .isInstanceOfSatisfying(
              ClusterOutcome.Stalled.class,
              stalled ->
                  assertThat(stalled.problems())
                      .singleElement()
                      .satisfies(
                          p ->
                              assertThat(p.toString())
                                  .isEqualTo(
                                      "slos/payment-gateway.yaml:16: spec.objectives[0].target:"
                                          + " must be above 0 and below 1")));
    }
    assertThat(live(sandbox, GUANGZHOU))
        .as("nothing of the bundle is pruned while a spec does not read")
        .containsOnlyKeys(GATEWAY, BILLING_REQUESTS);
    assertThat(outcome(report, AWS))
        .as("a cluster that takes no rules is not held up")
        .isInstanceOf(ClusterOutcome.Synced.class);
    repo.write("slos/payment-gateway.yaml", gateway).commit("Fix the gateway's SLO");
  }

  @Test
  @Order(5)
  void withNoSlosLeftOnlyTheGeneratedBundlesObjectsArePruned(SandboxFleetHandle sandbox)
      throws Exception {
    repo.delete("slos/payment-gateway.yaml").commit("No SLOs any more");

    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    for (String cluster : List.of(BEIJING, GUANGZHOU)) {
      assertThat(live(sandbox, cluster)).as(cluster).isEmpty();
      assertThat(sandbox.cluster(cluster).get(DEPLOYMENT, "payments", "payment-gateway"))
          .as("%s: another bundle's objects stay", cluster)
          .isPresent();
      assertThat(outcome(report, cluster).report().orElseThrow().results())
          .filteredOn(r -> r.action() == ObjectResult.Action.PRUNED)
          .extracting(ObjectResult::bundle)
          .containsOnly(SloRuleBundle.NAME);
    }
  }

  @Test
  @Order(6)
  void switchingDeliveryOffPrunesEveryPrometheusRule(SandboxFleetHandle sandbox) throws Exception {
    repo.write("slos/payment-gateway.yaml", gatewaySpec)
        .write("slos/billing-service.yaml", billing("requests"))
        .commit("SLOs back");
    assertThat(sync(sandbox).converged()).isTrue();
    assertThat(live(sandbox, GUANGZHOU)).containsOnlyKeys(GATEWAY, BILLING_REQUESTS);

    repo.write(
            "fleet.yaml",
            fleetWithoutSlo
                + DELIVERY.replaceAll("(?s)\\n *rules:.*?release: kube-prometheus-stack}", ""))
        .commit("Stop delivering SLO rules");
    SyncReport report = sync(sandbox);

    assertThat(report.converged()).as(describe(report)).isTrue();
    assertThat(live(sandbox, BEIJING)).isEmpty();
    assertThat(live(sandbox, GUANGZHOU)).isEmpty();
  }

  @Test
  @Order(7)
  void aRepositoryBundleNamedLikeTheGeneratedOneIsRefused(SandboxFleetHandle sandbox)
      throws Exception {
    repo.write("fleet.yaml", fleetWithoutSlo.replace("name: payments", "name: slo-rules"))
        .commit("A bundle of our own called slo-rules");

    SyncReport report = sync(sandbox);

    for (String cluster : sandbox.workloadClusters()) {
      assertThat(outcome(report, cluster))
          .as(describe(report))
          .isInstanceOfSatisfying(
              ClusterOutcome.Stalled.class,
              s ->
                  assertThat(s.reason())
                      .contains("fleet.yaml:")
                      .contains("'slo-rules' is reserved")
                      .contains("choose another"));
    }
    assertThat(sandbox.cluster(BEIJING).get(DEPLOYMENT, "payments", "payment-gateway"))
        .as("nothing pruned")
        .isPresent();
    repo.write("fleet.yaml", fleetWithoutSlo).commit("Back to the fleet without SLO rules");
  }

  @Test
  @Order(8)
  void aClusterWithoutTheCrdIsRejectedWithTheRemedyAndTheOthersSync(SandboxFleetHandle sandbox)
      throws Exception {
    repo.write(
            "fleet.yaml",
            fleetWithoutSlo
                + DELIVERY.replace(
                    "clusterSelector: {matchLabels: {tier: payments}}", "clusterSelector: {}"))
        .commit("Deliver the SLO rules everywhere");

    SyncReport report = sync(sandbox);

    assertThat(outcome(report, BEIJING)).isInstanceOf(ClusterOutcome.Synced.class);
    assertThat(outcome(report, AWS))
        .as(describe(report))
        .isInstanceOfSatisfying(
            ClusterOutcome.Rejected.class,
            rejected ->
                assertThat(rejected.objects())
                    .isNotEmpty()
                    .allSatisfy(
                        r -> {
                          assertThat(r.bundle()).isEqualTo(SloRuleBundle.NAME);
                          assertThat(r.message())
                              .contains("does not serve monitoring.coreos.com/v1 PrometheusRule")
                              .contains("fleet.yaml:")
                              .contains("install the Prometheus Operator's CRDs")
                              .contains("remove 'rules'");
                        }));
    assertThat(outcome(report, AWS).report().orElseThrow().results())
        .as("the other bundles were applied")
        .filteredOn(r -> !r.bundle().equals(SloRuleBundle.NAME))
        .isNotEmpty()
        .allMatch(ObjectResult::present);
  }

  /** The PrometheusRule objects in the rules' namespace, by name. */
  private static Map<String, KubeObject> live(SandboxFleetHandle sandbox, String cluster) {
    Map<String, KubeObject> byName = new TreeMap<>();
    for (KubeObject object : sandbox.cluster(cluster).list(PROMETHEUS_RULE)) {
      if (object.namespace().equals(NAMESPACE)) {
        byName.put(object.name(), object);
      }
    }
    return byName;
  }

  /** Every group of the objects, by name, as plain maps and lists. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> groups(java.util.Collection<KubeObject> objects) {
    Map<String, Object> groups = new TreeMap<>();
    Gson gson = new Gson();
    for (KubeObject object : objects) {
      for (Object group : gson.fromJson(object.at("spec", "groups").orElseThrow(), List.class)) {
        groups.put(String.valueOf(((Map<String, Object>) group).get("name")), group);
      }
    }
    return groups;
  }

  /** Every group of the rule files 'fleetgate slo rules --cluster' prints, by name. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> groupsWritten(String cluster) {
    CliRun run = CliRun.of("slo", "rules", "--repo", repo.dir().toString(), "--cluster", cluster);
    assertThat(run.code()).as(run.err()).isZero();
    Map<String, Object> groups = new TreeMap<>();
    for (Object file : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(run.out())) {
      for (Object group : (List<Object>) ((Map<String, Object>) file).get("groups")) {
        groups.put(String.valueOf(((Map<String, Object>) group).get("name")), group);
      }
    }
    return groups;
  }

  private static String billing(String... slos) {
    StringBuilder text =
        new StringBuilder("version: prometheus/v1\nservice: billing-service\nslos:\n");
    for (String slo : slos) {
      text.append(
          """
            - name: %s
              objective: 99.5
              sli:
                events:
                  error_query: sum(rate(billing_%s_total{code=~"5.."}[{{.window}}]))
                  total_query: sum(rate(billing_%s_total[{{.window}}]))
              alerting:
                name: BillingErrorBudgetBurn
          """
              .formatted(slo, slo, slo));
    }
    return text.toString();
  }

  private static SyncReport sync(SandboxFleetHandle sandbox) throws Exception {
    try (SyncSetup setup = open(sandbox)) {
      return setup.engine().syncOnce(SyncOptions.all());
    }
  }

  private static List<ClusterPlan> plan(SandboxFleetHandle sandbox) throws Exception {
    try (SyncSetup setup = open(sandbox)) {
      return setup.engine().plan(SyncOptions.all());
    }
  }

  private static SyncSetup open(SandboxFleetHandle sandbox) throws Exception {
    return SyncSetup.open(
        new SyncSetup.Config(
            repo.dir().toString(),
            "main",
            sandbox.managementKubeconfig(),
            dataDir,
            SyncSetup.Engine.WASM,
            null),
        Clock.systemUTC());
  }

  private static ClusterOutcome outcome(SyncReport report, String cluster) {
    return report.outcomes().stream()
        .filter(o -> o.cluster().equals(cluster))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no outcome for " + cluster));
  }

  private static String describe(SyncReport report) {
    List<String> lines = new ArrayList<>();
    for (ClusterOutcome outcome : report.outcomes()) {
      lines.add(outcome.cluster() + " " + outcome.word() + ": " + SyncReports.summary(outcome));
      if (outcome instanceof ClusterOutcome.Rejected r) {
        r.objects().forEach(o -> lines.add("  " + o));
      }
      if (outcome instanceof ClusterOutcome.Stalled s) {
        s.problems().forEach(p -> lines.add("  " + p));
      }
    }
    return String.join("\n", lines);
  }
}
