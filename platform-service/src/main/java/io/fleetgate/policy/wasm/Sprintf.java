package io.fleetgate.policy.wasm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OPA's {@code sprintf(format, values)} as the OPA Java SDK for Wasm provides it to the modules it
 * runs, so that a policy formats its messages identically whichever binding evaluates it: Java's
 * {@link String#format} with Go's {@code %v} read as {@code %s} and {@code %q} as a quoted {@code
 * %s}; integers, big integers, doubles and strings are passed as themselves, any other value as its
 * JSON text; {@code sprintf("%d", [n])} answers the number itself.
 */
final class Sprintf {

  /**
   * The widest field, and the longest precision, a format may ask for. Formatting runs in Java,
   * where the evaluation deadline's interrupt does not reach: {@code %0900000000d} would format for
   * seconds past it, {@code %02140000000d} would run the heap out.
   */
  static final int MAX_WIDTH = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A conversion's argument index, flags, width and precision. */
  private static final Pattern SPEC =
      Pattern.compile("%%|%(?:\\d+\\$)?[-#+ 0,(<]*(\\d*)(?:\\.(\\d*))?");

  JsonNode apply(JsonNode format, JsonNode values) {
    if (!format.isTextual()) {
      throw new IllegalArgumentException("Operand 1 must be a string.");
    }
    if (!values.isArray()) {
      throw new IllegalArgumentException("Operand 2 must be an array.");
    }
    String pattern = format.asText();
    refuseWideFields(pattern);
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

  private static void refuseWideFields(String pattern) {
    Matcher spec = SPEC.matcher(pattern);
    while (spec.find()) {
      if (spec.group().equals("%%")) {
        continue;
      }
      for (String digits : new String[] {spec.group(1), spec.group(2)}) {
        if (digits != null
            && !digits.isEmpty()
            && (digits.length() > 9 || Integer.parseInt(digits) > MAX_WIDTH)) {
          throw new IllegalArgumentException(
              "sprintf width or precision "
                  + digits
                  + " in \""
                  + spec.group()
                  + "\" exceeds the limit of "
                  + MAX_WIDTH);
        }
      }
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
