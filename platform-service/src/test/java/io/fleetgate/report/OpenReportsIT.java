package io.fleetgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import io.fleetgate.tools.ToolCache;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenReports objects Fleetgate writes are accepted by a real API server with the OpenReports
 * CRDs.
 */
@SandboxFleetTest
class OpenReportsIT {

  private static final GroupVersionKind REPORT =
      new GroupVersionKind("openreports.io", "v1alpha1", "Report");
  private static final GroupVersionKind CRD =
      new GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition");

  @Test
  void reportsAreAcceptedByTheOpenReportsCrdAndReadBack(
      SandboxFleetHandle sandbox, @TempDir Path data) throws Exception {
    AuditHistories.dayOne(data);
    AuditHistories.dayTwo(data);
    ComplianceReport report = AuditHistories.report(data, null);
    ClusterApi cluster = sandbox.cluster("beijing-prod");
    installCrds(cluster);
    String namespace = sandbox.freshNamespace(cluster, "openreports");

    List<Map<String, Object>> reports = OpenReports.reports(report);
    assertThat(reports).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) reports.getFirst().get("metadata");
    metadata.put("namespace", namespace);
    cluster.apply(reports.getFirst());

    var stored = cluster.get(REPORT, namespace, "fleetgate-policy").orElseThrow();
    assertThat(stored.at("summary", "fail").orElseThrow().getAsInt()).isEqualTo(1);
    assertThat(stored.at("summary", "skip").orElseThrow().getAsInt()).isEqualTo(1);
    assertThat(stored.at("results").orElseThrow().getAsJsonArray()).hasSize(2);
    assertThat(stored.at("results").orElseThrow().toString())
        .contains("privileged_containers")
        .contains("PCI-DSS-v4.0:7.2.1")
        .contains("Ana Operator");
  }

  private static boolean established(io.fleetgate.kube.KubeObject crd) {
    for (var condition :
        crd.at("status", "conditions")
            .map(c -> c.getAsJsonArray())
            .orElse(new com.google.gson.JsonArray())) {
      var c = condition.getAsJsonObject();
      if ("Established".equals(c.get("type").getAsString())
          && "True".equals(c.get("status").getAsString())) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static void installCrds(ClusterApi cluster) throws Exception {
    Path crds = ToolCache.locate().path("openreports-crds");
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 << 20);
        try (Reader reader = Files.newBufferedReader(file)) {
          for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
            if (document instanceof Map<?, ?> crd) {
              cluster.apply((Map<String, Object>) crd);
            }
          }
        }
      }
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      var crd = cluster.get(CRD, null, "reports.openreports.io");
      if (crd.isPresent() && established(crd.get())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the OpenReports CRD was not established");
  }
}
