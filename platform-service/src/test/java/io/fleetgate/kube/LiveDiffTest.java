package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveDiffTest {

  private static final String CANARY = "canary-7f3a9c2e";

  private static JsonObject deployment(String image, String env) {
    return JsonParser.parseString(
            """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"app","namespace":"payments","resourceVersion":"9"},
             "spec":{"replicas":2,"template":{"spec":{"containers":[
               {"name":"app","image":"%s","env":[{"name":"A","value":"plain"},{"name":"TOKEN","value":"%s"}]}
             ]}}}}
            """
                .formatted(image, env))
        .getAsJsonObject();
  }

  @Test
  void anArrayChangeNamesTheElementsPathAndNeverPrintsAnEnvValue() {
    List<String> lines =
        LiveDiff.between(
            deployment("registry.example.com/app:1.0", "old-" + CANARY),
            deployment("registry.example.com/app:1.1", "new-" + CANARY));

    assertThat(lines)
        .containsExactly(
            "spec.template.spec.containers[0].env[1].value: (redacted) → (redacted)",
            "spec.template.spec.containers[0].image: \"registry.example.com/app:1.0\""
                + " → \"registry.example.com/app:1.1\"");
    assertThat(String.join("\n", lines)).doesNotContain(CANARY);
  }

  @Test
  void anArrayThatGrowsIsSummarisedNotPrinted() {
    JsonObject live = deployment("app:1", CANARY);
    JsonObject desired = deployment("app:1", CANARY);
    desired
        .getAsJsonObject("spec")
        .getAsJsonObject("template")
        .getAsJsonObject("spec")
        .getAsJsonArray("containers")
        .add(
            JsonParser.parseString(
                "{\"name\":\"sidecar\",\"env\":[{\"name\":\"K\",\"value\":\"" + CANARY + "\"}]}"));

    List<String> lines = LiveDiff.between(live, desired);

    assertThat(lines).containsExactly("spec.template.spec.containers[1]: (absent) → {2 fields}");
    assertThat(String.join("\n", lines)).doesNotContain(CANARY);
  }

  @Test
  void secretDataIsRedactedWhateverItsShape() {
    JsonObject live =
        JsonParser.parseString(
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"data\":{\"k\":\"b2xk\"}}")
            .getAsJsonObject();
    JsonObject desired =
        JsonParser.parseString(
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"stringData\":{\"k\":\""
                    + CANARY
                    + "\"}}")
            .getAsJsonObject();

    List<String> lines = LiveDiff.between(live, desired);

    assertThat(lines)
        .containsExactly("data: (redacted) → (absent)", "stringData: (absent) → (redacted)");
  }
}
