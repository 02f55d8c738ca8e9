package io.fleetgate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {

  private static final ClusterTarget BEIJING =
      new ClusterTarget(
          "fleet",
          "beijing-prod",
          Map.of("provider", "alibaba", "region", "cn-beijing", "env", "prod", "tier", "payments"),
          ClusterPhase.PROVISIONED);
  private static final ClusterTarget AWS =
      new ClusterTarget(
          "fleet",
          "aws-cn-north-1-prod",
          Map.of("provider", "aws", "region", "cn-north-1", "env", "prod", "tier", "general"),
          ClusterPhase.PROVISIONED);

  private final Renderer renderer = new Renderer(ManifestLimits.defaults());

  private static Path exampleFleet() {
    Path clusters = Path.of(System.getProperty("fleetgate.root", ".."), "clusters");
    return Files.isDirectory(clusters) ? clusters : Path.of("..", "clusters");
  }

  @Test
  void rendersTheExampleFleetPerClusterBySelector() {
    LoadedRepo repo = renderer.load(exampleFleet());

    RenderResult beijing = renderer.render(repo, BEIJING);
    RenderResult aws = renderer.render(repo, AWS);

    assertThat(beijing.problems()).isEmpty();
    assertThat(beijing.bundles()).containsExactly("baseline", "payments");
    assertThat(aws.problems()).isEmpty();
    assertThat(aws.bundles()).containsExactly("baseline", Renderer.OVERLAY_BUNDLE);
    assertThat(aws.objects()).noneMatch(o -> o.bundle().equals("payments"));
  }

  @Test
  void readsTheFleetsWavesInOrderAndRefusesBadOnesWithTheirLine(@TempDir Path repo)
      throws IOException {
    assertThat(renderer.load(exampleFleet()).spec().waves())
        .extracting(FleetSpec.Wave::name)
        .containsExactly("canary", "mainland-payments");
    assertThat(renderer.load(exampleFleet()).spec().wave("canary").orElseThrow().clusterSelector())
        .satisfies(s -> assertThat(s.matches(Map.of("provider", "aws"))).isTrue());

    fleet(repo);
    String spec = Files.readString(repo.resolve("fleet.yaml"));
    java.util.function.Function<String, java.util.List<String>> problems =
        waves -> {
          try {
            write(repo, "fleet.yaml", spec + "  waves:\n" + waves);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          LoadedRepo loaded = renderer.load(repo);
          // A wave's problem is the rollouts' to report: it blocks no sync.
          assertThat(loaded.fleetProblems()).isEmpty();
          return loaded.spec().waveProblems().stream().map(Object::toString).toList();
        };
    assertThat(
            problems.apply(
                "    - {name: canary, clusterSelector: {}}\n    - {name: canary, clusterSelector: {}}\n"))
        .singleElement()
        .asString()
        .contains("declares wave 'canary' twice");
    assertThat(problems.apply("    - {name: Canary, clusterSelector: {}}\n"))
        .singleElement()
        .asString()
        .matches("fleet\\.yaml:\\d+: .*spec.waves\\[0\\].name 'Canary' must be.*");
    assertThat(problems.apply("    - name: canary\n      clusterSelecter: {matchLabels: {a: b}}\n"))
        .singleElement()
        .asString()
        .contains("spec.waves[0].clusterSelecter is not a field; expected clusterSelector or name");
    assertThat(problems.apply("    - name: canary\n"))
        .singleElement()
        .asString()
        .contains("spec.waves[0] ('canary') needs a clusterSelector");
    assertThat(
            problems.apply(
                "    - name: canary\n      clusterSelector:\n        matchExpressions:\n"
                    + "          - {key: env, operator: In, value: [prod]}\n"))
        .singleElement()
        .asString()
        .contains("matchExpressions[].value is not a field");
    assertThat(
            problems.apply(
                "    - name: canary\n      clusterSelector:\n        matchExpressions:\n"
                    + "          - {key: env, operator: NotIn}\n"))
        .singleElement()
        .asString()
        .contains("NotIn needs at least one value");
  }

  @Test
  void givesEachClusterThePolicyParametersOfItsGroupsInOrder() {
    LoadedRepo repo = renderer.load(exampleFleet());

    assertThat(renderer.render(repo, BEIJING).policyParameters())
        .containsEntry("allowed_registries", java.util.List.of("registry.fleetgate.io"))
        .containsEntry("cde_allowed_sources", java.util.List.of("ingress"));
    assertThat(renderer.render(repo, AWS).policyParameters())
        .containsOnlyKeys("allowed_registries");
  }

  @Test
  void laterPolicyParametersReplaceEarlierKeysAndBadOnesNameTheFile(@TempDir Path repo)
      throws IOException {
    fleet(repo);
    String spec = Files.readString(repo.resolve("fleet.yaml"));
    write(
        repo,
        "fleet.yaml",
        spec
            + """
              policy:
                parameters:
                  - values: {exposed_namespaces: [ingress], cluster_admins: [ops]}
                  - clusterSelector: {matchLabels: {tier: payments}}
                    values: {exposed_namespaces: [edge]}
            """);
    LoadedRepo loaded = renderer.load(repo);
    assertThat(loaded.fleetProblems()).isEmpty();
    assertThat(renderer.render(loaded, BEIJING).policyParameters())
        .isEqualTo(
            Map.of(
                "exposed_namespaces", java.util.List.of("edge"),
                "cluster_admins", java.util.List.of("ops")));

    write(repo, "fleet.yaml", spec + "  policy:\n    parameters:\n      - clusterSelector: {}\n");
    assertThat(renderer.load(repo).fleetProblems())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).startsWith("fleet.yaml:").contains("'values'"));
  }

  @Test
  void refusesABundleNamedLikeTheClusterOverlays(@TempDir Path repo) throws IOException {
    write(
        repo, "fleet.yaml", fleetYaml("apps", "{}").replace("name: apps", "name: cluster-overlay"));

    assertThat(renderer.load(repo).fleetProblems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .startsWith("fleet.yaml:")
                    .contains("'cluster-overlay' is reserved"));
  }

  @Test
  void refusesABundleNameLongerThanALabelValueMayBe(@TempDir Path repo) throws IOException {
    String longest = "a".repeat(63);
    write(repo, "fleet.yaml", fleetYaml("apps", "{}").replace("name: apps", "name: " + longest));
    assertThat(renderer.load(repo).fleetProblems()).isEmpty();

    write(
        repo,
        "fleet.yaml",
        fleetYaml("apps", "{}").replace("name: apps", "name: " + longest + "b"));
    assertThat(renderer.load(repo).fleetProblems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.toString())
                    .startsWith("fleet.yaml:")
                    .contains("has 64 characters; at most 63")
                    .contains("fleetgate.io/bundle label"));
  }

  @Test
  void mergesClusterOverlaysOntoBundleObjects() {
    RenderResult beijing = renderer.render(renderer.load(exampleFleet()), BEIJING);

    RenderedObject gateway =
        beijing.objects().stream()
            .filter(
                o ->
                    o.ref().name().equals("payment-gateway") && o.ref().kind().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThat(((Map<?, ?>) gateway.content().get("spec")).get("replicas")).isEqualTo(6);
    assertThat(((Map<?, ?>) gateway.content().get("spec")).get("selector")).isNotNull();
    assertThat(gateway.bundle()).isEqualTo("payments");
  }

  @Test
  void substitutesClusterVariablesInValues() {
    RenderResult aws = renderer.render(renderer.load(exampleFleet()), AWS);

    RenderedObject retention =
        aws.objects().stream()
            .filter(o -> o.ref().name().equals("prometheus-retention"))
            .findFirst()
            .orElseThrow();
    assertThat(((Map<?, ?>) retention.content().get("data")).get("cluster"))
        .isEqualTo("aws-cn-north-1-prod");
  }

  @Test
  void namesFileAndLineOfBrokenYaml(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(repo, "apps/ok.yaml", configMap("a"));
    write(
        repo,
        "apps/broken.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   namespace: x\n");

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/broken.yaml");
              assertThat(p.location().line()).isEqualTo(5);
              assertThat(p.message()).contains("not valid YAML");
            });
  }

  @Test
  void refusesAYamlBombQuickly(@TempDir Path repo) throws IOException {
    fleet(repo);
    StringBuilder bomb =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      bomb.append("]\n");
      previous = c;
    }
    write(repo, "apps/bomb.yaml", bomb.toString());

    long start = System.nanoTime();
    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/bomb.yaml");
              assertThat(p.message()).contains("aliases");
            });
  }

  @Test
  void refusesABombUnderTheAliasLimitByWhatItExpandsTo(@TempDir Path repo) throws IOException {
    fleet(repo);
    // 17 levels, 48 aliases (under the limit of 50), 3^17 ≈ 129 million nodes once expanded.
    StringBuilder bomb =
        new StringBuilder(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n  namespace: payments\n"
                + "data:\n  x: y\nbomb:\n  l0: &l0 [\"lol\", \"lol\", \"lol\"]\n");
    for (int level = 1; level <= 16; level++) {
      String previous = "*l" + (level - 1);
      bomb.append(
          "  l%d: &l%d [%s, %s, %s]%n".formatted(level, level, previous, previous, previous));
    }
    write(repo, "apps/bomb.yaml", bomb.toString());
    long heapBefore = usedHeap();

    long start = System.nanoTime();
    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    assertThat(usedHeap() - heapBefore).as("heap grown, bytes").isLessThan(256L << 20);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().toString()).isEqualTo("apps/bomb.yaml:1");
              assertThat(p.message()).contains("expands to more than 1,000,000 nodes");
            });
  }

  @Test
  void anAliasedSubtreeIsSharedNotCopiedPerCluster(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(
        repo,
        "apps/shared.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: shared
          namespace: payments
        data:
          cluster: ${cluster.name}
        extra:
          a: &common {x: "1", y: "2"}
          b: *common
        """);
    var loaded = renderer.load(repo);

    var object = renderer.render(loaded, BEIJING).objects().getFirst();

    @SuppressWarnings("unchecked")
    var extra = (java.util.Map<String, Object>) object.content().get("extra");
    assertThat(extra.get("a"))
        .as("one object for the anchor and its alias")
        .isSameAs(extra.get("b"));
    assertThat(object.content().get("data")).isEqualTo(java.util.Map.of("cluster", "beijing-prod"));
  }

  private static long usedHeap() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Test
  void refusesAnOversizedFileWithoutReadingIt(@TempDir Path repo) throws IOException {
    fleet(repo);
    Files.createDirectories(repo.resolve("apps"));
    try (RandomAccessFile huge =
        new RandomAccessFile(repo.resolve("apps/huge.yaml").toFile(), "rw")) {
      huge.setLength(50L << 20);
    }

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/huge.yaml");
              assertThat(p.message()).contains("50.0 MiB").contains("at most 2.0 MiB");
            });
  }

  @Test
  void refusesASymlinkOutOfTheRepository(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(repo, "apps/ok.yaml", configMap("a"));
    Files.createSymbolicLink(repo.resolve("apps/passwd.yaml"), Path.of("/etc/passwd"));

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/passwd.yaml");
              assertThat(p.message()).contains("outside the repository");
            });
  }

  @Test
  void refusesABundlePathLeavingTheRepository(@TempDir Path repo) throws IOException {
    write(repo, "fleet.yaml", fleetYaml("../../etc", "{}"));

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("fleet.yaml");
              assertThat(p.message()).contains("leaves the repository");
            });
  }

  @Test
  void refusesDuplicateObjectsNamingBothPlaces(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(repo, "apps/one.yaml", configMap("same"));
    write(repo, "apps/two.yaml", "# a comment\n" + configMap("same"));

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().toString()).isEqualTo("apps/two.yaml:2");
              assertThat(p.message()).contains("ConfigMap apps/same").contains("apps/one.yaml:1");
            });
  }

  @Test
  void refusesDuplicateKeys(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(
        repo,
        "apps/dup.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("duplicate key"));
  }

  @Test
  void reportsUnknownVariablesWithTheirLocation(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(
        repo,
        "apps/vars.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\n  namespace: apps\ndata:\n  a: ${cluster.labels.zone}\n  b: $${literal}\n");

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().toString()).isEqualTo("apps/vars.yaml:1");
              assertThat(p.message()).contains("${cluster.labels.zone}").contains("no such label");
            });
  }

  @Test
  void keepsBundlesInsideTheirNamespaces(@TempDir Path repo) throws IOException {
    write(
        repo,
        "fleet.yaml",
        fleetYaml("apps", "{}")
            .replace("      path: apps\n", "      path: apps\n      namespaces: [apps]\n"));
    write(repo, "apps/in.yaml", configMap("in"));
    write(
        repo,
        "apps/out.yaml",
        configMap("out").replace("namespace: apps", "namespace: kube-system"));

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> assertThat(p.message()).contains("ConfigMap kube-system/out").contains("[apps]"));
  }

  @Test
  void anEmptyBundleIsAProblemNeverAnEmptyRender(@TempDir Path repo) throws IOException {
    fleet(repo);
    Files.createDirectories(repo.resolve("apps"));

    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems().getFirst().message())
        .contains("no manifests")
        .contains("never applied");
  }

  @Test
  void aBrokenBundleBlocksOnlyTheClustersThatSelectIt(@TempDir Path repo) throws IOException {
    write(
        repo,
        "fleet.yaml",
        fleetYaml("apps", "{matchLabels: {tier: payments}}")
            + "    - name: common\n      path: common\n");
    write(repo, "apps/broken.yaml", "a: [\n");
    write(repo, "common/ok.yaml", configMap("c"));

    LoadedRepo loaded = renderer.load(repo);

    assertThat(renderer.render(loaded, BEIJING).ok()).isFalse();
    assertThat(renderer.render(loaded, AWS).ok()).isTrue();
  }

  @Test
  void aMissingFleetFileBlocksEverything(@TempDir Path repo) {
    RenderResult result = renderer.render(renderer.load(repo), BEIJING);

    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).startsWith("fleet.yaml: is missing"));
  }

  @Test
  void readsWhereEachClustersPrometheusAnswersAndWhichClustersJudgeAService(@TempDir Path repo)
      throws IOException {
    write(
        repo,
        "fleet.yaml",
        fleetYaml("apps", "{}")
            + """
              slo:
                prometheus:
                  - clusterSelector: {matchLabels: {region: cn-north-1}}
                    url: http://prometheus.{cluster}.internal:9090
                  - url: https://prometheus.example.com/global
                targets:
                  - service: payment-gateway
                    clusterSelector: {matchLabels: {tier: payments}}
            """);

    FleetSpec.SloSettings slo = renderer.load(repo).spec().slo();

    assertThat(slo.prometheusFor("beijing-prod", Map.of("region", "cn-north-1")))
        .hasValue(java.net.URI.create("http://prometheus.beijing-prod.internal:9090"));
    assertThat(slo.prometheusFor("london-prod", Map.of("region", "eu-west-2")))
        .hasValue(java.net.URI.create("https://prometheus.example.com/global"));
    assertThat(slo.judges("payment-gateway", Map.of("tier", "payments"))).isTrue();
    assertThat(slo.judges("payment-gateway", Map.of("tier", "web"))).isFalse();
    assertThat(slo.judges("search", Map.of("tier", "web"))).as("no target: everywhere").isTrue();
  }

  @Test
  void refusesAPrometheusAddressWithCredentialsOrAnotherScheme(@TempDir Path repo)
      throws IOException {
    for (String url :
        new String[] {
          "file:///etc/passwd",
          "http://user:pass@prom:9090",
          "http://prom:9090/?q=1",
          "prom:9090",
          "http://{namespace}.prom:9090"
        }) {
      write(
          repo,
          "fleet.yaml",
          fleetYaml("apps", "{}") + "  slo:\n    prometheus:\n      - url: '" + url + "'\n");

      assertThat(renderer.load(repo).fleetProblems())
          .as(url)
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.toString())
                      .startsWith("fleet.yaml:1:")
                      .contains("spec.slo.prometheus[].url"));
    }
  }

  private static void fleet(Path repo) throws IOException {
    write(repo, "fleet.yaml", fleetYaml("apps", "{}"));
  }

  private static String fleetYaml(String path, String selector) {
    return "apiVersion: fleetgate.io/v1alpha1\nkind: Fleet\nmetadata:\n  name: test\nspec:\n  bundles:\n    - name: apps\n      path: "
        + path
        + "\n      clusterSelector: "
        + selector
        + "\n";
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: apps\ndata:\n  k: v\n";
  }

  private static void write(Path repo, String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
