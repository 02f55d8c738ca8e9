package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetgate netpol --kubeconfig}: a live cluster of the sandbox fleet, read as it is. */
@SandboxFleetTest
class NetpolLiveIT {

  @Test
  void listsTheConnectionsOfALiveCluster(SandboxFleetHandle sandbox) {
    String cluster = sandbox.workloadClusters().getFirst();
    ClusterApi api = sandbox.cluster(cluster);
    String shop = sandbox.freshNamespace(api, "netpol-shop");
    String lab = sandbox.freshNamespace(api, "netpol-lab");
    api.apply(
        Map.of(
            "apiVersion", "v1",
            "kind", "Namespace",
            "metadata", Map.of("name", shop, "labels", Map.of("fleetgate.io/cde", "true"))));
    api.apply(deployment(shop, "web", List.of()));
    api.apply(deployment(shop, "db", List.of(Map.of("name", "pg", "containerPort", 5432))));
    api.apply(
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Pod",
            "metadata",
            Map.of("name", "probe", "namespace", lab, "labels", Map.of("app", "probe")),
            "spec",
            Map.of("containers", List.of(Map.of("name", "c", "image", "busybox")))));
    api.apply(
        Map.of(
            "apiVersion",
            "networking.k8s.io/v1",
            "kind",
            "NetworkPolicy",
            "metadata",
            Map.of("name", "deny", "namespace", shop),
            "spec",
            Map.of("podSelector", Map.of(), "policyTypes", List.of("Ingress"))));
    api.apply(
        Map.of(
            "apiVersion",
            "networking.k8s.io/v1",
            "kind",
            "NetworkPolicy",
            "metadata",
            Map.of("name", "db-from-web", "namespace", shop),
            "spec",
            Map.of(
                "podSelector", Map.of("matchLabels", Map.of("app", "db")),
                "ingress",
                    List.of(
                        Map.of(
                            "from",
                                List.of(
                                    Map.of(
                                        "podSelector",
                                        Map.of("matchLabels", Map.of("app", "web")))),
                            "ports", List.of(Map.of("port", "pg")))))));

    Path kubeconfig = sandbox.fleet().layout().clusterKubeconfig(cluster);
    CliRun result = run("netpol", "--kubeconfig", kubeconfig.toString());

    assertThat(result.code()).as(result.err()).isZero();
    List<String> mine = new ArrayList<>();
    for (String row : result.out().split("\n")) {
      String[] ends = row.split(" => | : ");
      if (ends.length == 3 && mineOnly(ends[0], shop, lab) && mineOnly(ends[1], shop, lab)) {
        mine.add(row);
      }
    }
    List<String> want =
        new ArrayList<>(
            List.of(
                shop + "/db[Deployment] => " + lab + "/probe[Pod] : All Connections",
                shop + "/web[Deployment] => " + shop + "/db[Deployment] : TCP 5432",
                shop + "/web[Deployment] => " + lab + "/probe[Pod] : All Connections"));
    want.sort(null);
    assertThat(mine).containsExactlyElementsOf(want);

    CliRun findings = run("netpol", "findings", "--kubeconfig", kubeconfig.toString());
    assertThat(findings.out())
        .doesNotContain(lab + "/probe[Pod] => " + shop)
        .contains("warn no-default-deny")
        .contains("namespace " + lab + ": has no default-deny ingress policy");
  }

  @Test
  void refusesAKubeconfigThatCannotBeRead(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.kubeconfig");
    Files.writeString(dir.resolve("other"), "x");

    CliRun result = run("netpol", "--kubeconfig", missing.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("Cannot read the kubeconfig " + missing);
  }

  private static boolean mineOnly(String endpoint, String shop, String lab) {
    return endpoint.startsWith(shop + "/") || endpoint.startsWith(lab + "/");
  }

  private static Map<String, Object> deployment(
      String namespace, String name, List<Map<String, Object>> ports) {
    return Map.of(
        "apiVersion",
        "apps/v1",
        "kind",
        "Deployment",
        "metadata",
        Map.of("name", name, "namespace", namespace),
        "spec",
        Map.of(
            "selector", Map.of("matchLabels", Map.of("app", name)),
            "template",
                Map.of(
                    "metadata", Map.of("labels", Map.of("app", name)),
                    "spec",
                        Map.of(
                            "containers",
                            List.of(Map.of("name", "c", "image", "busybox", "ports", ports))))));
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
