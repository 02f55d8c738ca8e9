package io.fleetgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  private static final Map<String, String> PAYMENTS = Map.of("tier", "payments", "env", "prod");

  record Case(String name, LabelSelector selector, boolean matches) {}

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case("empty selects everything", LabelSelector.everything(), true),
            new Case(
                "matchLabels equal",
                new LabelSelector(Map.of("tier", "payments"), List.of()),
                true),
            new Case(
                "matchLabels differ",
                new LabelSelector(Map.of("tier", "general"), List.of()),
                false),
            new Case("In", expression("env", LabelSelector.Operator.IN, "prod", "staging"), true),
            new Case(
                "In without the key", expression("zone", LabelSelector.Operator.IN, "a"), false),
            new Case("NotIn", expression("env", LabelSelector.Operator.NOT_IN, "dev"), true),
            new Case(
                "NotIn without the key",
                expression("zone", LabelSelector.Operator.NOT_IN, "a"),
                true),
            new Case("Exists", expression("tier", LabelSelector.Operator.EXISTS), true),
            new Case(
                "DoesNotExist", expression("tier", LabelSelector.Operator.DOES_NOT_EXIST), false))
        .map(c -> Arguments.of(c.name(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesLikeKubernetes(String name, Case c) {
    assertThat(c.selector().matches(PAYMENTS)).isEqualTo(c.matches());
  }

  private static LabelSelector expression(String key, LabelSelector.Operator op, String... values) {
    return new LabelSelector(
        Map.of(), List.of(new LabelSelector.Requirement(key, op, List.of(values))));
  }
}
