package io.fleetgate.httpapi;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Hostile webhook bodies, reproducible from a seed: random bytes, truncated pushes, nesting far
 * deeper than any parser should follow, numbers and strings past every limit, invalid UTF-8, bodies
 * that are JSON but not an object, and objects whose fields have the wrong types.
 */
final class MalformedPayloads {

  /** What the platform must make of a payload. */
  enum Expect {
    /** Not a JSON object: refused with 400 by the parser. */
    MALFORMED,
    /** A JSON object naming no repository of ours in a usable form: acknowledged and ignored. */
    IGNORED
  }

  record Payload(String kind, byte[] body, Expect expect) {}

  private static final String PUSH =
      "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"https://git.example.com/fleet.git\","
          + "\"html_url\":\"https://git.example.com/fleet\"},\"commits\":[{\"id\":\"abc\"}]}";

  private final Random random;

  MalformedPayloads(long seed) {
    this.random = new Random(seed);
  }

  Payload next() {
    return switch (random.nextInt(12)) {
      case 0 -> malformed("random bytes", bytes(1 + random.nextInt(2_000)));
      case 1 -> malformed("truncated push", ascii(PUSH.substring(0, 1 + random.nextInt(50))));
      case 2 -> malformed("deep arrays", nested("[", "]", 2_000 + random.nextInt(200_000)));
      case 3 -> malformed("deep objects", nested("{\"a\":", "}", 2_000 + random.nextInt(50_000)));
      case 4 ->
          malformed(
              "huge number", ascii("{\"n\":1" + "0".repeat(5_000 + random.nextInt(50_000)) + "}"));
      case 5 -> malformed("not an object", ascii(pick("[]", "42", "\"push\"", "null", "true", "")));
      case 6 -> malformed("invalid UTF-8", invalidUtf8());
      case 7 ->
          malformed(
              "unterminated string", ascii("{\"ref\":\"" + "x".repeat(random.nextInt(100_000))));
      case 8 ->
          malformed("trailing garbage", ascii(PUSH + "}}]]" + (char) ('!' + random.nextInt(90))));
      case 9 -> malformed("control characters", ascii("{\"ref\":\"a\u0001\u0000b\"}"));
      case 10 ->
          ignored(
              "wrong types",
              ascii(
                  pick(
                      "{\"repository\":5}",
                      "{\"repository\":{\"clone_url\":[\"https://git.example.com/fleet.git\"]}}",
                      "{\"repository\":null,\"project\":{\"git_http_url\":{}}}",
                      "{\"repository\":{\"clone_url\":\"" + "\\u0000".repeat(50) + "\"}}")));
      default ->
          ignored(
              "odd repository",
              ascii(
                  "{\"repository\":{\"clone_url\":\""
                      + pick("", "://", "http://[::1", "file:///../../etc", "git@:")
                      + "\"}}"));
    };
  }

  private static Payload malformed(String kind, byte[] body) {
    return new Payload(kind, body, Expect.MALFORMED);
  }

  private static Payload ignored(String kind, byte[] body) {
    return new Payload(kind, body, Expect.IGNORED);
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private byte[] bytes(int length) {
    byte[] body = new byte[length];
    random.nextBytes(body);
    body[0] = (byte) (0x80 | body[0]); // never a valid start of JSON
    return body;
  }

  private byte[] invalidUtf8() {
    byte[] head = "{\"ref\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + 4];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xC3; // a lead byte followed by no continuation
    body[head.length + 1] = (byte) 0x28;
    body[head.length + 2] = '"';
    body[head.length + 3] = '}';
    return body;
  }

  /** Valid JSON nested {@code depth} levels deep. */
  private static byte[] nested(String open, String close, int depth) {
    return ascii(open.repeat(depth) + (open.equals("[") ? "" : "1") + close.repeat(depth));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
