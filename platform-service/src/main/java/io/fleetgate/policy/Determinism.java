package io.fleetgate.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether policies decide from their input alone. OPA marks some built-in functions
 * nondeterministic ({@code opa capabilities} lists them): the clock, randomness, the network, the
 * runtime. A policy that calls one may decide differently on the same input, so its decisions must
 * not be remembered. The check reads the Rego text; a name in a comment counts too, which only
 * costs the memo.
 */
final class Determinism {

  /** OPA's nondeterministic built-in functions; a test holds this list to the real {@code opa}. */
  static final List<String> NONDETERMINISTIC =
      List.of(
          "http.send",
          "io.jwt.decode_verify",
          "io.jwt.encode_sign",
          "io.jwt.encode_sign_raw",
          "json.match_schema",
          "json.verify_schema",
          "net.lookup_ip_addr",
          "opa.runtime",
          "rand.intn",
          "time.now_ns",
          "uuid.rfc4122");

  /** The path given to sources that could not be read, so that they count as nondeterministic. */
  static final String UNKNOWN_SOURCE = "(unreadable)";

  private static final Pattern CALL = pattern();

  private Determinism() {}

  /**
   * The first call of a nondeterministic built-in in the sources, as {@code path: name}, or empty
   * when every source decides from its input alone.
   */
  static Optional<String> firstNondeterministicCall(Map<String, String> sources) {
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Matcher matcher = CALL.matcher(source.getValue());
      if (matcher.find()) {
        return Optional.of(
            source.getKey()
                + ": "
                + matcher.group().replaceAll("\\s", "").replaceAll("\\[\"([^\"]*)\"\\]", ".$1"));
      }
    }
    return Optional.empty();
  }

  /**
   * Each name in the forms a Rego reference may take: {@code time.now_ns} and {@code
   * time["now_ns"]}, in any mix, with white space tolerated (it only widens the match).
   */
  private static Pattern pattern() {
    StringBuilder alternatives = new StringBuilder();
    for (String name : NONDETERMINISTIC) {
      if (!alternatives.isEmpty()) {
        alternatives.append('|');
      }
      String[] parts = name.split("\\.");
      alternatives.append(Pattern.quote(parts[0]));
      for (int i = 1; i < parts.length; i++) {
        String part = Pattern.quote(parts[i]);
        alternatives.append("(?:\\s*\\.\\s*" + part + "|\\s*\\[\\s*\"" + part + "\"\\s*\\])");
      }
    }
    return Pattern.compile("(?<![\\w.])(?:" + alternatives + ")(?![\\w\"])");
  }
}
