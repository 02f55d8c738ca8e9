package io.fleetgate.netpol.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import io.fleetgate.tools.ToolCache;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two points where the cross-check relies on Kubernetes behaviour that Cyclonus does not model,
 * checked against a real kube-apiserver: how it defaults {@code policyTypes} (the harness fills
 * them in for Cyclonus) and that a {@code NotIn} selector selects objects without the key (where
 * Cyclonus differs). Every scenario policy must also be one the API server accepts, since Cyclonus
 * analyses some invalid ones without complaint.
 */
@SandboxFleetTest
class ApiServerSemanticsIT {

  @Test
  void theApiServerAcceptsEveryScenarioPolicyAndDefaultsPolicyTypesAsTheHarness(
      SandboxFleetHandle sandbox) {
    ClusterApi cluster = sandbox.cluster(sandbox.workloadClusters().get(0));
    String namespace = sandbox.freshNamespace(cluster, "netpol-peer-types");
    int defaulted = 0;
    for (PeerScenario scenario : Scenarios.all()) {
      List<Map<String, Object>> written = scenario.policies();
      List<Map<String, Object>> typed = scenario.policiesWithTypes();
      for (int i = 0; i < written.size(); i++) {
        KubeObject stored = cluster.dryRunApply(inNamespace(written.get(i), namespace));
        Object serverTypes =
            new Gson().fromJson(stored.at("spec", "policyTypes").orElseThrow(), List.class);
        Object harnessTypes = ((Map<?, ?>) typed.get(i).get("spec")).get("policyTypes");
        assertThat(serverTypes).as("%s policy %d", scenario, i).isEqualTo(harnessTypes);
        defaulted += ((Map<?, ?>) written.get(i).get("spec")).containsKey("policyTypes") ? 0 : 1;
      }
    }
    assertThat(defaulted).as("policies left for the server to default").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aNotInSelectorSelectsPodsWithoutTheKey(SandboxFleetHandle sandbox) throws Exception {
    String member = sandbox.workloadClusters().get(0);
    ClusterApi cluster = sandbox.cluster(member);
    String namespace = sandbox.freshNamespace(cluster, "netpol-peer-notin");
    for (Map.Entry<String, Map<String, String>> pod :
        Map.of(
                "db",
                Map.of("tier", "db"),
                "web",
                Map.of("tier", "web"),
                "untiered",
                Map.<String, String>of())
            .entrySet()) {
      cluster.apply(
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              "Pod",
              "metadata",
              Map.of("namespace", namespace, "name", pod.getKey(), "labels", pod.getValue()),
              "spec",
              Map.of("containers", List.of(Map.of("name", "main", "image", "app")))));
    }

    Process kubectl =
        new ProcessBuilder(
                ToolCache.locate().executable("kubectl").toString(),
                "--kubeconfig",
                sandbox.fleet().layout().clusterKubeconfig(member).toString(),
                "get",
                "pods",
                "-n",
                namespace,
                "-l",
                "tier notin (db)",
                "-o",
                "name")
            .redirectErrorStream(true)
            .start();
    String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as(out).isZero();
    assertThat(out.lines().sorted().toList()).containsExactly("pod/untiered", "pod/web");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inNamespace(Map<String, Object> policy, String namespace) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "networking.k8s.io/v1");
    object.put("kind", "NetworkPolicy");
    object.putAll(policy);
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) policy.get("metadata"));
    metadata.put("namespace", namespace);
    object.put("metadata", metadata);
    return object;
  }
}
