package io.fleetgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeterminismTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "deny contains m if { time.now_ns() > 0; m := \"late\" }| time.now_ns",
        "x := time[\"now_ns\"]()| time.now_ns",
        "ok if io[\"jwt\"].decode_verify(t, c)| io.jwt.decode_verify",
        "r := http.send({\"method\": \"get\", \"url\": u})| http.send",
        "ok if io.jwt.decode_verify(t, {\"secret\": s})[0]| io.jwt.decode_verify",
        "id := uuid.rfc4122(\"k\")| uuid.rfc4122",
        "n := rand.intn(\"k\", 10)| rand.intn",
        "rt := opa.runtime()| opa.runtime",
        "# a comment naming time.now_ns still counts| time.now_ns",
        "allow if input.time.now_ns > 0| ''",
        "t := mytime.now_ns()| ''",
        "t := time.now_nsx()| ''",
        "t := time.parse_rfc3339_ns(input.at)| ''",
      })
  void findsCallsOfNondeterministicBuiltIns(String rego, String expected) {
    Optional<String> found =
        Determinism.firstNondeterministicCall(Map.of("policies/p.rego", "package p\n" + rego));

    assertThat(found.map(f -> f.substring("policies/p.rego: ".length())).orElse(""))
        .isEqualTo(expected);
  }
}
