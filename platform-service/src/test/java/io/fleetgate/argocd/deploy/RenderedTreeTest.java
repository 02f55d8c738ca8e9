package io.fleetgate.argocd.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.plan.DesiredObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RenderedTreeTest {

  private static final ClusterTarget BEIJING =
      new ClusterTarget("fleet", "beijing-prod", Map.of(), ClusterPhase.PROVISIONED);

  private static DesiredObject object(
      String bundle, String group, String kind, String namespace, String name) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    metadata.put("labels", Map.of("fleetgate.io/bundle", bundle, "app", "x"));
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("kind", kind);
    content.put("metadata", metadata);
    content.put("apiVersion", group.isEmpty() ? "v1" : group + "/v1");
    content.put("data", Map.of("z", "1", "a", "2"));
    return new DesiredObject(
        new ObjectRef(group, kind, namespace, name),
        bundle,
        group.isEmpty() ? "v1" : group + "/v1",
        content,
        "h",
        "bundles/" + bundle + "/objects.yaml:3");
  }

  @Test
  void eachObjectHasAFileUnderItsClusterAndBundle() {
    RenderedTree tree =
        RenderedTree.of(
            BEIJING,
            List.of(
                object("payments", "apps", "Deployment", "payments", "payment-gateway"),
                object("baseline", "", "Namespace", "", "payments"),
                object("baseline", "networking.k8s.io", "NetworkPolicy", "payments", "deny")));
    assertThat(tree.files().keySet())
        .containsExactly(
            "fleet/beijing-prod/baseline/core/Namespace/_cluster/payments.json",
            "fleet/beijing-prod/baseline/networking.k8s.io/NetworkPolicy/payments/deny.json",
            "fleet/beijing-prod/payments/apps/Deployment/payments/payment-gateway.json");
    assertThat(tree.bundlePath("payments")).isEqualTo("fleet/beijing-prod/payments");
  }

  @Test
  void theContentIsCanonicalJsonWithKeysSortedAtEveryLevel() {
    RenderedTree tree =
        RenderedTree.of(BEIJING, List.of(object("baseline", "", "ConfigMap", "default", "c")));
    String json =
        new String(
            tree.files().get("fleet/beijing-prod/baseline/core/ConfigMap/default/c.json"),
            StandardCharsets.UTF_8);
    assertThat(json).endsWith("}\n");
    assertThat(json.indexOf("\"apiVersion\"")).isLessThan(json.indexOf("\"data\""));
    assertThat(json.indexOf("\"data\"")).isLessThan(json.indexOf("\"kind\""));
    assertThat(json.indexOf("\"a\" : \"2\"")).isLessThan(json.indexOf("\"z\" : \"1\""));
    assertThat(json.indexOf("\"app\"")).isLessThan(json.indexOf("\"fleetgate.io/bundle\""));
  }

  @Test
  void theSameObjectsInAnotherOrderGiveTheSameBytes() {
    var a = object("baseline", "", "ConfigMap", "default", "a");
    var b = object("payments", "apps", "Deployment", "payments", "b");
    RenderedTree one = RenderedTree.of(BEIJING, List.of(a, b));
    RenderedTree two = RenderedTree.of(BEIJING, List.of(b, a));
    assertThat(two.files().keySet()).containsExactlyElementsOf(one.files().keySet());
    one.files().forEach((path, bytes) -> assertThat(two.files().get(path)).isEqualTo(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "a/b", "../../etc", "", "UPPER", "-a", "a-", "a\nb", "a b"})
  void aNameThatIsNotAKubernetesNameCannotNameAPath(String name) {
    assertThatThrownBy(
            () ->
                RenderedTree.of(
                    BEIJING, List.of(object("baseline", "", "ConfigMap", "default", name))))
        .isInstanceOf(RenderedTreeException.class)
        .hasMessageContaining("bundles/baseline/objects.yaml:3")
        .hasMessageContaining("is not a Kubernetes name")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aNamespaceGroupKindOrBundleThatCouldLeaveTheTreeIsRefused() {
    assertThatThrownBy(
            () -> RenderedTree.of(BEIJING, List.of(object("baseline", "", "ConfigMap", "..", "c"))))
        .hasMessageContaining("the namespace \"..\"");
    assertThatThrownBy(
            () ->
                RenderedTree.of(
                    BEIJING, List.of(object("baseline", "../x", "ConfigMap", "default", "c"))))
        .hasMessageContaining("the API group");
    assertThatThrownBy(
            () -> RenderedTree.of(BEIJING, List.of(object("baseline", "", "Config/Map", "d", "c"))))
        .hasMessageContaining("the kind");
    assertThatThrownBy(
            () -> RenderedTree.of(BEIJING, List.of(object("../..", "", "ConfigMap", "d", "c"))))
        .hasMessageContaining("the bundle name");
    ClusterTarget hostile = new ClusterTarget("..", "x", Map.of(), ClusterPhase.PROVISIONED);
    assertThatThrownBy(() -> RenderedTree.of(hostile, List.of()))
        .hasMessageContaining("the cluster's namespace");
  }

  /** The object with one more annotation or label. */
  @SuppressWarnings("unchecked")
  private static DesiredObject marked(String where, String key, String value) {
    DesiredObject plain = object("payments", "", "ConfigMap", "payments", "gateway");
    Map<String, Object> content = new LinkedHashMap<>(plain.content());
    Map<String, Object> metadata =
        new LinkedHashMap<>((Map<String, Object>) content.get("metadata"));
    Map<String, Object> marks =
        new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault(where, Map.of()));
    marks.put(key, value);
    metadata.put(where, marks);
    content.put("metadata", metadata);
    return new DesiredObject(
        plain.ref(), plain.bundle(), plain.apiVersion(), content, plain.hash(), plain.source());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "annotations:argocd.argoproj.io/hook:PreSync",
        "annotations:argocd.argoproj.io/sync-options:Replace=true,Force=true",
        "annotations:argocd.argoproj.io/tracking-id:other-app:/ConfigMap:payments/gateway",
        "annotations:ARGOCD.ARGOPROJ.IO/sync-wave:-1",
        "labels:argocd.argoproj.io/instance:other-app",
        "annotations:helm.sh/hook:pre-install",
        "annotations:helm.sh/hook-delete-policy:hook-succeeded"
      })
  void anArgoCdControlInAManifestIsRefusedWithWhereAndWhy(String mark) {
    String[] parts = mark.split(":", 3);

    assertThatThrownBy(
            () -> RenderedTree.of(BEIJING, List.of(marked(parts[0], parts[1], parts[2]))))
        .isInstanceOf(RenderedTreeException.class)
        .hasMessageContaining("ConfigMap payments/gateway")
        .hasMessageContaining("bundles/payments/objects.yaml:3")
        .hasMessageContaining(parts[1])
        .hasMessageContaining("Remove it");
  }

  @Test
  void otherAnnotationsAndArgoLookalikesPassThrough() {
    assertThat(
            RenderedTree.of(
                    BEIJING,
                    List.of(marked("annotations", "example.com/argocd.argoproj.io-note", "x")))
                .files())
        .hasSize(1);
    assertThat(
            RenderedTree.of(
                    BEIJING, List.of(marked("labels", "app.kubernetes.io/instance", "gateway")))
                .files())
        .hasSize(1);
  }

  @Test
  void anRbacNameWithAColonIsAFileName() {
    RenderedTree tree =
        RenderedTree.of(
            BEIJING,
            List.of(
                object(
                    "baseline",
                    "rbac.authorization.k8s.io",
                    "ClusterRole",
                    "",
                    "system:aggregated-metrics-reader")));
    assertThat(tree.files().keySet())
        .containsExactly(
            "fleet/beijing-prod/baseline/rbac.authorization.k8s.io/ClusterRole/_cluster/"
                + "system:aggregated-metrics-reader.json");
  }

  @Test
  void aNameTooLongForAFileIsShortenedAndTwoSuchNamesStayApart() {
    String base = "a".repeat(240);
    RenderedTree tree =
        RenderedTree.of(
            BEIJING,
            List.of(
                object("baseline", "", "ConfigMap", "default", base + "1"),
                object("baseline", "", "ConfigMap", "default", base + "2")));
    assertThat(tree.files()).hasSize(2);
    for (String path : tree.files().keySet()) {
      String file = path.substring(path.lastIndexOf('/') + 1);
      assertThat(file).hasSizeLessThanOrEqualTo(RenderedTree.MAX_FILE_NAME).endsWith(".json");
    }
  }

  @Test
  void twoObjectsThatWouldShareAFileAreRefused() {
    var a = object("baseline", "", "ConfigMap", "default", "c");
    assertThatThrownBy(() -> RenderedTree.of(BEIJING, List.of(a, a)))
        .isInstanceOf(RenderedTreeException.class)
        .hasMessageContaining("declared twice");
  }

  @Test
  void itsTextNeverShowsContent() {
    RenderedTree tree =
        RenderedTree.of(BEIJING, List.of(object("baseline", "", "Secret", "default", "s")));
    assertThat(tree.toString()).isEqualTo("RenderedTree[fleet/beijing-prod, 1 file(s)]");
  }
}
