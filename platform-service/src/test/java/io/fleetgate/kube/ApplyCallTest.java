package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ApplyCallTest {

  private static Map<String, Object> configMap() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "settings");
    metadata.put("namespace", "payments");
    metadata.put("annotations", null);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", 3);
    spec.put("bytes", 9_000_000_000L);
    spec.put("huge", new BigInteger("123456789012345678901234567890"));
    spec.put("ratio", 0.25);
    spec.put("enabled", true);
    spec.put("unset", null);
    spec.put("list", new ArrayList<>(Arrays.asList("a", null, 1, Map.of("k", "v"))));
    spec.put("text", "line one\nline \"two\" – ünïcode");
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "example.io/v1");
    object.put("kind", "Thing");
    object.put("metadata", metadata);
    object.put("spec", spec);
    return object;
  }

  @Test
  void writesTheBodyTheApiClientWouldHaveWritten() {
    Map<String, Object> object = configMap();

    ApplyCall.Document document = ApplyCall.Document.of(object);

    assertThat(JsonParser.parseString(new String(document.body(), StandardCharsets.UTF_8)))
        .isEqualTo(new Gson().toJsonTree(object));
    assertThat(new String(document.body(), StandardCharsets.UTF_8))
        .doesNotContain("annotations")
        .doesNotContain("unset")
        .contains("[\"a\",null,1,");
    assertThat(document.gvk()).isEqualTo(new GroupVersionKind("example.io", "v1", "Thing"));
    assertThat(document.namespace()).isEqualTo("payments");
    assertThat(document.name()).isEqualTo("settings");
  }

  @Test
  void writesBinaryValuesInBase64AsKubernetesReadsThem() {
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put("metadata", Map.of("name", "s", "namespace", "payments"));
    secret.put("data", Map.of("key", "hello".getBytes(StandardCharsets.UTF_8)));

    assertThat(new String(ApplyCall.Document.of(secret).body(), StandardCharsets.UTF_8))
        .contains("\"key\":\"aGVsbG8=\"");
  }

  @Test
  void refusesANumberJsonCannotCarryAndNamesTheObject() {
    for (Object number : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)) {
      Map<String, Object> object = configMap();
      ((Map<String, Object>) object.get("spec")).put("ratio", number);

      assertThatThrownBy(() -> ApplyCall.Document.of(object))
          .isInstanceOf(KubeException.class)
          .hasMessageContaining("Thing payments/settings")
          .hasMessageContaining("JSON cannot carry")
          .hasMessageContaining("quote it");
    }
  }

  @Test
  void aClusterScopedObjectHasNoNamespace() {
    Map<String, Object> namespace =
        Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "payments"));

    assertThat(ApplyCall.Document.of(namespace).namespace()).isNull();
  }

  @Test
  void refusesAnObjectWithoutItsIdentity() {
    for (Map<String, Object> broken :
        List.<Map<String, Object>>of(
            Map.of("kind", "ConfigMap", "metadata", Map.of("name", "a")),
            Map.of("apiVersion", "v1", "metadata", Map.of("name", "a")),
            Map.of("apiVersion", "v1", "kind", "ConfigMap"),
            Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", 7)))) {
      assertThatThrownBy(() -> ApplyCall.Document.of(broken))
          .isInstanceOf(KubeException.class)
          .hasMessageContaining("apiVersion, kind and metadata.name");
    }
  }
}
