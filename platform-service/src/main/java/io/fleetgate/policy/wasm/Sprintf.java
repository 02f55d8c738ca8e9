package io.fleetgate.policy.wasm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * OPA's {@code sprintf(format, values)} as the OPA Java SDK for Wasm provides it to the modules it
 * runs, so that a policy formats its messages identically whichever binding evaluates it: Java's
 * {@link String#format} with Go's {@code %v} read as {@code %s} and {@code %q} as a quoted {@code
 * %s}; integers, big integers, doubles and strings are passed as themselves, any other value as its
 * JSON text; {@code sprintf("%d", [n])} answers the number itself.
 */
final class Sprintf {

  private static final ObjectMapper JSON = new ObjectMapper();

  JsonNode apply(JsonNode format, JsonNode values) {
    if (!format.isTextual()) {
      throw new IllegalArgumentException("Operand 1 must be a string.");
    }
    if (!values.isArray()) {
      throw new IllegalArgumentException("Operand 2 must be an array.");
    }
    String pattern = format.asText();
    if (pattern.equals("%d") && values.size() == 1 && values.get(0).isNumber()) {
      return number(values.get(0));
    }
    List<Object> args = new ArrayList<>(values.size());
    for (JsonNode value : values) {
      args.add(argument(value));
    }
    if (pattern.contains("%v")) {
      pattern = pattern.replaceAll("%v", "%s");
    }
    if (pattern.contains("%q")) {
      pattern = pattern.replace("%q", "\"%s\"");
    }
    try {
      return TextNode.valueOf(String.format(pattern, args.toArray()));
    } catch (IllegalArgumentException e) {
      throw new RuntimeException("Formatting error: " + e.getMessage());
    }
  }

  private static Object argument(JsonNode value) {
    if (value.isInt()) {
      return value.asInt();
    }
    if (value.isBigInteger()) {
      return new BigInteger(value.asText());
    }
    if (value.isDouble()) {
      return value.asDouble();
    }
    if (value.isTextual()) {
      return value.asText();
    }
    return value.toString();
  }

  /** The number as JSON reads its decimal text (an integer stays an integer). */
  private static JsonNode number(JsonNode value) {
    try {
      return JSON.readTree(value.numberValue().toString());
    } catch (JsonProcessingException e) {
      throw new RuntimeException(e);
    }
  }
}
