package io.fleetgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryViewTest {

  private static final String FLEET =
      """
      apiVersion: fleetgate.io/v1alpha1
      kind: Fleet
      metadata:
        name: test
      spec:
        bundles:
          - name: apps
            path: apps
      """;

  private static final List<ClusterSummary> CLUSTERS =
      List.of(cluster("beijing-prod", "payments"), cluster("aws-cn-north-1-prod", "general"));

  @Test
  void listsTheGeneratedSloRulesBundleWithTheClustersItGoesTo(@TempDir Path repo)
      throws IOException {
    write(
        repo,
        "fleet.yaml",
        FLEET
            + """
              slo:
                prometheus:
                  - clusterSelector: {matchLabels: {tier: payments}}
                    url: http://prometheus:9090
                    rules: {delivery: PrometheusRule, namespace: monitoring}
            """);
    write(
        repo,
        "slos/search.yaml",
        """
        version: prometheus/v1
        service: search
        slos:
          - name: availability
            objective: 99.9
            sli:
              events:
                error_query: sum(rate(errors_total[{{.window}}]))
                total_query: sum(rate(requests_total[{{.window}}]))
            alerting: {name: SearchErrorBudgetBurn}
        """);

    var view = RepositoryView.sloRules(load(repo), CLUSTERS).orElseThrow();

    assertThat(view.name()).isEqualTo("slo-rules");
    assertThat(view.path()).isEqualTo("slos");
    assertThat(view.namespaces()).containsExactly("monitoring");
    assertThat(view.clusters()).containsExactly("beijing-prod");
  }

  @Test
  void listsNoSloRulesBundleWhenNothingIsDelivered(@TempDir Path repo) throws IOException {
    write(repo, "fleet.yaml", FLEET);

    assertThat(RepositoryView.sloRules(load(repo), CLUSTERS)).isEmpty();
  }

  private static LoadedRepo load(Path repo) throws IOException {
    write(
        repo,
        "apps/c.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: a\n");
    return new Renderer(ManifestLimits.defaults()).load(repo);
  }

  private static ClusterSummary cluster(String name, String tier) {
    return new ClusterSummary(
        "fleet", name, "", "", "prod", tier, "Provisioned", "", true, "", Map.of("tier", tier));
  }

  private static void write(Path repo, String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
