package io.fleetgate.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class HealthCheckTest {

  record Case(String name, JsonObject object, String want, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() throws Exception {
    try (InputStream in = HealthCheckTest.class.getResourceAsStream("/health/cases.yaml")) {
      List<Map<String, Object>> cases = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Gson gson = new Gson();
      return cases.stream()
          .map(
              c ->
                  new Case(
                      (String) c.get("name"),
                      gson.toJsonTree(c.get("object")).getAsJsonObject(),
                      (String) c.get("want"),
                      (String) c.get("message")))
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void judgesHealthLikeTheKindsController(Case c) {
    Health health = HealthCheck.of(c.object());

    assertThat(health.status().word()).isEqualTo(c.want());
    assertThat(health.message()).contains(c.message());
  }
}
