package io.fleetgate.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sprintf} formats as the OPA Java SDK's builtin does, value by value. */
class SprintfTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(String format, String values, String want) {
    @Override
    public String toString() {
      return format + " " + values;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case(
            "%s: container %q has no resources.%s.%s",
            "[\"Deployment a/b\", \"app\", \"limits\", \"memory\"]",
            "\"Deployment a/b: container \\\"app\\\" has no resources.limits.memory\""),
        new Case("%s has %d replicas", "[\"web\", 3]", "\"web has 3 replicas\""),
        new Case("%v and %v", "[\"a\", 1]", "\"a and 1\""),
        new Case("ports %s", "[[80, 443]]", "\"ports [80,443]\""),
        new Case("labels %s", "[{\"a\": \"b\"}]", "\"labels {\\\"a\\\":\\\"b\\\"}\""),
        new Case("%s", "[true]", "\"true\""),
        new Case("%s", "[null]", "\"null\""),
        new Case("%.1f", "[1.25]", "\"1.3\""),
        new Case("%d", "[12345678901234567890]", "12345678901234567890"),
        new Case("%d", "[7]", "7"),
        new Case("%d", "[\"7\"]", "null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsLikeTheSdk(Case c) throws Exception {
    if (c.want().equals("null")) {
      assertThatThrownBy(
              () ->
                  new Sprintf()
                      .apply(JSON.readTree("\"" + c.format() + "\""), JSON.readTree(c.values())))
          .hasMessageStartingWith("Formatting error: ");
      return;
    }
    assertThat(
            new Sprintf().apply(JSON.readTree("\"" + c.format() + "\""), JSON.readTree(c.values())))
        .isEqualTo(JSON.readTree(c.want()));
  }

  @Test
  void refusesAFormatThatIsNotAString() {
    assertThatThrownBy(() -> new Sprintf().apply(JSON.readTree("1"), JSON.readTree("[]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Operand 1 must be a string.");
    assertThatThrownBy(() -> new Sprintf().apply(JSON.readTree("\"%s\""), JSON.readTree("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Operand 2 must be an array.");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "%0900000000d",
        "%02140000000d",
        "%10001s",
        "%.20000f",
        "%1$99999999999999999999s"
      })
  void refusesAFieldWiderThanTheLimit(String format) {
    assertThatThrownBy(
            () -> new Sprintf().apply(JSON.readTree("\"" + format + "\""), JSON.readTree("[1]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sprintf width or precision ")
        .hasMessageEndingWith(" exceeds the limit of 10000");
  }

  @Test
  void formatsTheWidestAllowedFieldAndLeavesLiteralPercentsAlone() throws Exception {
    assertThat(new Sprintf().apply(JSON.readTree("\"%10000d\""), JSON.readTree("[1]")).asText())
        .hasSize(10_000);
    assertThat(new Sprintf().apply(JSON.readTree("\"100%%20000 %s\""), JSON.readTree("[1]")))
        .isEqualTo(JSON.readTree("\"100%20000 1\""));
  }
}
