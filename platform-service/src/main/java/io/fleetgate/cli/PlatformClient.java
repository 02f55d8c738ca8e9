package io.fleetgate.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * The options and the client of the commands that act through a running platform's API ({@code
 * fleetgate serve}), as the holder of an API token: the platform records who acted.
 */
final class PlatformClient {

  /** How much of an answer is read; the API's answers are far smaller. */
  static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

  @Option(
      names = "--server",
      defaultValue = "http://127.0.0.1:8742",
      paramLabel = "URL",
      description =
          "The platform API (default: ${DEFAULT-VALUE}, 'fleetgate serve' on this machine).")
  URI server;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "A file holding the API token ('fleetgate token create'); default: the FLEETGATE_TOKEN"
              + " environment variable.")
  Path tokenFile;

  /**
   * The reader of the platform's answers, built on first use: picocli makes a PlatformClient for
   * every command that has one when any command starts, and building the mapper then cost every
   * command (validate included) about 15 ms.
   */
  private static final class Answers {
    static final ObjectMapper JSON =
        new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(
                new SimpleModule("fleetgate-time")
                    .addDeserializer(
                        Instant.class,
                        new com.fasterxml.jackson.databind.deser.std.FromStringDeserializer<>(
                            Instant.class) {
                          @Override
                          protected Instant _deserialize(
                              String value,
                              com.fasterxml.jackson.databind.DeserializationContext c) {
                            return Instant.parse(value);
                          }
                        }));
  }

  /** Refused by the platform, or not reached: the message says which and what to do. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  <T> T get(String path, Class<T> type) throws Refused {
    return send(HttpRequest.newBuilder(uri(path)).GET(), type);
  }

  <T> T post(String path, Class<T> type) throws Refused {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), type);
  }

  private URI uri(String path) {
    String base = server.toString().replaceAll("/+$", "");
    return URI.create(base + path);
  }

  private <T> T send(HttpRequest.Builder request, Class<T> type) throws Refused {
    if ("http".equalsIgnoreCase(server.getScheme()) && !loopback(server.getHost())) {
      throw new Refused(
          0,
          "Refusing to send the API token unencrypted to "
              + server.getHost()
              + ": use https://, or a loopback address for a platform on this machine");
    }
    String token = token();
    HttpResponse<java.io.InputStream> answer;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      answer =
          client.send(
              request
                  .timeout(Duration.ofSeconds(60))
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (var in = answer.body()) {
        body = in.readNBytes(MAX_ANSWER_BYTES + 1);
      }
      if (body.length > MAX_ANSWER_BYTES) {
        throw new Refused(0, "The platform's answer is larger than " + MAX_ANSWER_BYTES + " bytes");
      }
      if (answer.statusCode() / 100 != 2) {
        throw new Refused(answer.statusCode(), problem(answer.statusCode(), body));
      }
      return Answers.JSON.readValue(body, type);
    } catch (IOException e) {
      throw new Refused(
          0,
          "Cannot reach the platform at "
              + server
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ". Is 'fleetgate serve' running there? (--server URL)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused(0, "Interrupted");
    }
  }

  private static boolean loopback(String host) {
    if (host == null) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String problem(int status, byte[] body) {
    String detail = "";
    try {
      JsonNode problem = Answers.JSON.readTree(body);
      detail = problem.path("detail").asText(problem.path("title").asText(""));
      if (detail.length() > 2_000) {
        detail = detail.substring(0, 2_000) + "…";
      }
    } catch (IOException e) {
      detail = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    }
    return switch (status) {
      case 401 -> "The platform refused the token; create one with 'fleetgate token create'";
      case 403 -> "The token may not do this: " + detail;
      default -> detail.isBlank() ? "The platform answered HTTP " + status : detail;
    };
  }

  private String token() throws Refused {
    String token;
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new Refused(0, "Cannot read the token file " + tokenFile + ": " + e.getMessage());
      }
    } else {
      token = System.getenv("FLEETGATE_TOKEN");
    }
    if (token == null || token.isBlank()) {
      throw new Refused(
          0,
          "No API token: give --token-file FILE or set FLEETGATE_TOKEN ('fleetgate token create"
              + " --role operator' makes one)");
    }
    if (token.length() > 200 || !token.matches("[A-Za-z0-9_\\-]+")) {
      throw new Refused(
          0,
          "The token in "
              + (tokenFile == null ? "FLEETGATE_TOKEN" : tokenFile)
              + " is not an API token");
    }
    return token;
  }
}
