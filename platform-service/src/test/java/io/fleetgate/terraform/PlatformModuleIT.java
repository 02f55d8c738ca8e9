package io.fleetgate.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import io.fleetgate.tools.ToolCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's end-to-end check: the platform example ({@code terraform/examples/platform}, i.e. the
 * platform module) applied for real with OpenTofu to the sandbox fleet's management cluster, a
 * kube-apiserver with RBAC authorization; then what its service account may and may not do, asked
 * of that API server with {@code kubectl auth can-i --as}; then {@code tofu destroy} and a check
 * that nothing is left.
 *
 * <p>The sandbox runs no kube-controller-manager, so two deletions wait for a controller: the
 * PersistentVolumeClaim keeps the {@code kubernetes.io/pvc-protection} finalizer and the Namespace
 * its {@code kubernetes} finalizer. After checking that destroy asked for both, the test does what
 * those controllers would (drop the finalizer, finalize the namespace) and then checks they are
 * gone.
 */
@SandboxFleetTest
class PlatformModuleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path scratch;

  @Test
  void appliesLeastPrivilegeFleetgateAndDestroysItWithoutRemains(SandboxFleetHandle fleet)
      throws Exception {
    StringBuilder whySkipped = new StringBuilder();
    Optional<Tofu> found = Tofu.fromToolCache(scratch.resolve("tofu"), whySkipped);
    assumeTrue(found.isPresent(), whySkipped::toString);
    Tofu tofu = found.get();
    Kubectl kubectl =
        new Kubectl(ToolCache.locate().executable("kubectl"), fleet.managementKubeconfig());
    String namespace =
        "fleetgate-it-"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    Path example = TerraformTree.copyInto(scratch).resolve("examples/platform");
    List<String> clusters = fleet.workloadClusters();
    writeVariables(example, fleet, namespace, clusters);

    Tofu.Result init = tofu.init(example);
    assertThat(init.code()).as(init.describe()).isZero();
    Tofu.Result apply = tofu.run(example, "apply", "-auto-approve", "-no-color");
    boolean destroyed = false;
    try {
      assertThat(apply.code()).as(apply.describe()).isZero();
      checkAppliedAndDestroy(tofu, example, kubectl, namespace, clusters);
      destroyed = true;
    } finally {
      if (!destroyed) {
        // Leave the shared fleet as it was, whatever failed; the failure above is what counts.
        tofu.run(example, "destroy", "-auto-approve", "-no-color");
      }
    }
  }

  private void checkAppliedAndDestroy(
      Tofu tofu, Path example, Kubectl kubectl, String namespace, List<String> clusters)
      throws Exception {
    String serviceAccount = "system:serviceaccount:" + namespace + ":fleetgate";

    List<String> objects = outputList(tofu, example, "objects");
    assertThat(objects)
        .contains(
            "Namespace /" + namespace,
            "ServiceAccount " + namespace + "/fleetgate",
            "Deployment " + namespace + "/fleetgate",
            "PersistentVolumeClaim " + namespace + "/fleetgate-data",
            "Service " + namespace + "/fleetgate",
            "NetworkPolicy " + namespace + "/fleetgate-default-deny",
            "NetworkPolicy " + namespace + "/fleetgate-allow-egress",
            "NetworkPolicy " + namespace + "/fleetgate-allow-api",
            "ClusterRole /fleetgate:" + namespace + ":cluster-reader",
            "Role fleet/fleetgate:" + namespace + ":kubeconfig-reader",
            "RoleBinding fleet/fleetgate:" + namespace + ":kubeconfig-reader");
    for (String object : objects) {
      assertThat(kubectl.exists(object)).as("%s exists after apply", object).isTrue();
    }
    assertRunsWhatTheImageExpects(kubectl, namespace);

    List<CanI> matrix = matrix(namespace, clusters);
    List<String> wrong = new ArrayList<>();
    for (CanI row : matrix) {
      boolean allowed = kubectl.canI(serviceAccount, namespace, row);
      if (allowed != row.allowed()) {
        wrong.add(row + " but the API server says " + (allowed ? "yes" : "no"));
      }
    }
    assertThat(wrong).as("the can-i matrix of %s", serviceAccount).isEmpty();
    assertThat(matrix).filteredOn(CanI::allowed).hasSizeGreaterThan(3);
    assertThat(matrix).filteredOn(row -> !row.allowed()).hasSizeGreaterThan(15);

    Tofu.Result destroy = tofu.run(example, "destroy", "-auto-approve", "-no-color");
    assertThat(destroy.code()).as(destroy.describe()).isZero();

    String pvc = "PersistentVolumeClaim " + namespace + "/fleetgate-data";
    String ns = "Namespace /" + namespace;
    for (String object : objects) {
      if (object.equals(pvc) || object.equals(ns)) {
        assertThat(kubectl.deletionRequested(object)).as("destroy deletes %s", object).isTrue();
      } else {
        assertThat(kubectl.exists(object)).as("%s is gone after destroy", object).isFalse();
      }
    }
    // What kube-controller-manager's pvc-protection and namespace controllers would do.
    kubectl.run(
        "patch",
        "pvc",
        "fleetgate-data",
        "-n",
        namespace,
        "--type=merge",
        "-p",
        "{\"metadata\":{\"finalizers\":null}}");
    kubectl.finalizeNamespace(namespace, scratch);
    for (String object : objects) {
      assertThat(kubectl.exists(object)).as("%s is gone", object).isFalse();
    }
    assertThat(kubectl.run("get", "clusterroles,clusterrolebindings", "-o", "name"))
        .doesNotContain(":" + namespace + ":");
    assertThat(kubectl.run("get", "roles,rolebindings", "-n", "fleet", "-o", "name"))
        .doesNotContain(":" + namespace + ":");
  }

  /** The Deployment runs 'serve' with the files the module mounts, and probes what serve serves. */
  private static void assertRunsWhatTheImageExpects(Kubectl kubectl, String namespace)
      throws Exception {
    JsonNode pod =
        JSON.readTree(kubectl.run("get", "deployment", "fleetgate", "-n", namespace, "-o", "json"))
            .at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    List<String> args = new ArrayList<>();
    container.get("args").forEach(a -> args.add(a.asText()));
    assertThat(args).startsWith("serve");
    assertThat(args.get(args.indexOf("--management-kubeconfig") + 1))
        .isEqualTo("/etc/fleetgate/management/kubeconfig");
    assertThat(args.get(args.indexOf("--data-dir") + 1)).startsWith("/var/lib/fleetgate/");
    assertThat(args.get(args.indexOf("--host") + 1)).isEqualTo("0.0.0.0");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("fleetgate");
    Map<String, JsonNode> volumes = new LinkedHashMap<>();
    pod.get("volumes").forEach(v -> volumes.put(v.get("name").asText(), v));
    assertThat(volumes.get("data").at("/persistentVolumeClaim/claimName").asText())
        .isEqualTo("fleetgate-data");
    assertThat(volumes.get("webhook-secret").at("/secret/secretName").asText())
        .isEqualTo("fleetgate-webhook");
    JsonNode configMap =
        JSON.readTree(
            kubectl.run(
                "get",
                "configmap",
                "fleetgate-management-kubeconfig",
                "-n",
                namespace,
                "-o",
                "json"));
    Map<String, Object> kubeconfig =
        new org.yaml.snakeyaml.Yaml().load(configMap.at("/data/kubeconfig").asText());
    assertThat(kubeconfig)
        .extractingByKey("users", org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .singleElement()
        .extracting("user")
        .isEqualTo(Map.of("tokenFile", "/var/run/secrets/kubernetes.io/serviceaccount/token"));
  }

  /**
   * What the service account must be able to do (list CAPI Clusters everywhere, get each cluster's
   * kubeconfig Secret) and a wide sample of what it must not.
   */
  private static List<CanI> matrix(String namespace, List<String> clusters) {
    List<CanI> rows = new ArrayList<>();
    rows.add(CanI.yes("list", "clusters.cluster.x-k8s.io", "*"));
    rows.add(CanI.yes("list", "clusters.cluster.x-k8s.io", "fleet"));
    for (String cluster : clusters) {
      rows.add(CanI.yes("get", "secrets/" + cluster + "-kubeconfig", "fleet"));
      // Cluster API keeps the cluster's CA and etcd keys beside its kubeconfig.
      rows.add(CanI.no("get", "secrets/" + cluster + "-ca", "fleet"));
      rows.add(CanI.no("get", "secrets/" + cluster + "-etcd", "fleet"));
    }
    rows.add(CanI.no("list", "secrets", "fleet"));
    rows.add(CanI.no("watch", "secrets", "fleet"));
    rows.add(CanI.no("get", "secrets", "kube-system"));
    rows.add(CanI.no("get", "secrets/fleetgate-webhook", namespace));
    rows.add(CanI.no("list", "secrets", "*"));
    rows.add(CanI.no("get", "clusters.cluster.x-k8s.io", "fleet"));
    rows.add(CanI.no("watch", "clusters.cluster.x-k8s.io", "fleet"));
    rows.add(CanI.no("create", "clusters.cluster.x-k8s.io", "fleet"));
    rows.add(CanI.no("patch", "clusters.cluster.x-k8s.io", "fleet"));
    rows.add(CanI.no("delete", "clusters.cluster.x-k8s.io", "fleet"));
    rows.add(CanI.no("update", "clusters.cluster.x-k8s.io/status", "fleet"));
    rows.add(CanI.no("list", "machinedeployments.cluster.x-k8s.io", "fleet"));
    rows.add(CanI.no("create", "leases.coordination.k8s.io", namespace));
    rows.add(CanI.no("get", "configmaps", namespace));
    rows.add(CanI.no("patch", "deployments.apps", namespace));
    rows.add(CanI.no("create", "pods", "fleet"));
    rows.add(CanI.no("create", "pods/exec", namespace));
    rows.add(CanI.no("create", "serviceaccounts/token", namespace));
    rows.add(CanI.no("create", "rolebindings.rbac.authorization.k8s.io", "fleet"));
    rows.add(CanI.no("bind", "clusterroles.rbac.authorization.k8s.io", "*"));
    rows.add(CanI.no("escalate", "roles.rbac.authorization.k8s.io", "fleet"));
    rows.add(CanI.no("impersonate", "serviceaccounts", "fleet"));
    rows.add(CanI.no("create", "namespaces", "*"));
    rows.add(CanI.no("list", "nodes", "*"));
    rows.add(CanI.no("*", "*", "*"));
    return rows;
  }

  private static void writeVariables(
      Path example, SandboxFleetHandle fleet, String namespace, List<String> clusters)
      throws Exception {
    String server = fleet.management().server();
    int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1).replace("/", ""));
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("kubeconfig", fleet.managementKubeconfig().toString());
    variables.put("namespace", namespace);
    variables.put("image", "registry.example.com/fleetgate/platform:0.1.0");
    variables.put("repository", "https://git.example.com/platform/fleet.git");
    variables.put("known_clusters", clusters.stream().map(c -> "fleet/" + c).toList());
    variables.put(
        "egress",
        List.of(
            Map.of(
                "description", "the sandbox's management API server",
                "cidrs", List.of("127.0.0.1/32"),
                "ports", List.of(port))));
    // No scheduler or controllers run in the sandbox: nothing would ever roll out.
    variables.put("wait_for_rollout", false);
    Files.writeString(example.resolve("terraform.tfvars.json"), JSON.writeValueAsString(variables));
  }

  private static List<String> outputList(Tofu tofu, Path dir, String name) throws Exception {
    Tofu.Result output = tofu.run(dir, "output", "-json", name);
    assertThat(output.code()).as(output.describe()).isZero();
    List<String> values = new ArrayList<>();
    JSON.readTree(output.output()).forEach(v -> values.add(v.asText()));
    return values;
  }

  /** One row of the matrix: may the service account do {@code verb} on {@code resource}? */
  record CanI(String verb, String resource, String namespace, boolean allowed) {
    static CanI yes(String verb, String resource, String namespace) {
      return new CanI(verb, resource, namespace, true);
    }

    static CanI no(String verb, String resource, String namespace) {
      return new CanI(verb, resource, namespace, false);
    }

    @Override
    public String toString() {
      return (allowed ? "may " : "may not ")
          + verb
          + " "
          + resource
          + ("*".equals(namespace) ? " in every namespace" : " in " + namespace);
    }
  }

  /** The pinned kubectl against the sandbox's management cluster, as its admin. */
  record Kubectl(Path binary, Path kubeconfig) {

    /** What follows a '/' in a matrix row is a subresource for these, else an object's name. */
    private static final java.util.Set<String> SUBRESOURCES =
        java.util.Set.of("status", "exec", "token");

    String run(String... args) throws Exception {
      Result result = exec(args);
      assertThat(result.code()).as("kubectl %s: %s", String.join(" ", args), result.out()).isZero();
      return result.out();
    }

    boolean canI(String serviceAccount, String ownNamespace, CanI row) throws Exception {
      List<String> args = new ArrayList<>(List.of("auth", "can-i", row.verb()));
      String resource = row.resource();
      int slash = resource.indexOf('/');
      if (slash > 0 && SUBRESOURCES.contains(resource.substring(slash + 1))) {
        args.add(resource.substring(0, slash));
        args.add("--subresource=" + resource.substring(slash + 1));
      } else {
        args.add(resource);
      }
      args.add("*".equals(row.namespace()) ? "--all-namespaces" : "--namespace=" + row.namespace());
      // The groups a service account's token carries, as the API server would see them.
      args.addAll(
          List.of(
              "--as=" + serviceAccount,
              "--as-group=system:serviceaccounts",
              "--as-group=system:serviceaccounts:" + ownNamespace,
              "--as-group=system:authenticated"));
      Result result = exec(args.toArray(String[]::new));
      String answer = result.out().strip();
      assertThat(answer).as("kubectl %s", String.join(" ", args)).isIn("yes", "no");
      return answer.equals("yes");
    }

    /** Whether "Kind namespace/name" exists. */
    boolean exists(String object) throws Exception {
      Result result = exec(get(object, "name"));
      if (result.code() != 0) {
        assertThat(result.out()).as(object).contains("NotFound");
        return false;
      }
      return true;
    }

    boolean deletionRequested(String object) throws Exception {
      Result result = exec(get(object, "jsonpath={.metadata.deletionTimestamp}"));
      return result.code() != 0 ? result.out().contains("NotFound") : !result.out().isBlank();
    }

    void finalizeNamespace(String namespace, Path scratch) throws Exception {
      Result current = exec("get", "namespace", namespace, "-o", "json", "--ignore-not-found");
      if (current.out().isBlank()) {
        return;
      }
      com.fasterxml.jackson.databind.node.ObjectNode ns =
          (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(current.out());
      ((com.fasterxml.jackson.databind.node.ObjectNode) ns.get("spec")).putArray("finalizers");
      Path file = Files.writeString(scratch.resolve("finalize.json"), ns.toString());
      run(
          "replace",
          "--raw",
          "/api/v1/namespaces/" + namespace + "/finalize",
          "-f",
          file.toString());
    }

    private static String[] get(String object, String output) {
      String kind = object.substring(0, object.indexOf(' ')).toLowerCase(Locale.ROOT);
      String qualified = object.substring(object.indexOf(' ') + 1);
      String namespace = qualified.substring(0, qualified.indexOf('/'));
      String name = qualified.substring(qualified.indexOf('/') + 1);
      List<String> args = new ArrayList<>(List.of("get", kind, name, "-o", output));
      if (!namespace.isEmpty()) {
        args.add("--namespace=" + namespace);
      }
      return args.toArray(String[]::new);
    }

    private Result exec(String... args) throws Exception {
      List<String> command =
          new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Result(process.exitValue(), out);
    }

    record Result(int code, String out) {}
  }
}
