package io.fleetgate.console.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fleetgate.api.RolloutStatus;
import io.fleetgate.client.ApiClient;
import io.fleetgate.client.ApiException;
import io.fleetgate.console.rollout.RolloutSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Rollouts tab's reads and commands over HTTP: {@code GET /api/v1/rollouts}, {@code POST
 * /api/v1/rollouts/{name}/{command}} and {@code GET /api/v1/patch-matrix}, read as the {@code
 * io.fleetgate.api.RolloutStatus} records the platform writes. It goes through the generated
 * client's HTTP client, base URL, token and timeouts, with requests of its own, since these routes
 * are not in the client generated from {@code openapi.json} yet. An answer larger than {@link
 * #LIMIT} is refused rather than read.
 */
final class RemoteRollouts implements RolloutSource {

  /** The most the console reads of one answer: a fleet of thousands of clusters fits. */
  static final int LIMIT = 32 * 1024 * 1024;

  private final ApiClient client;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  RemoteRollouts(ApiClient client) {
    this.client = client;
  }

  @Override
  public RolloutStatus.Board board() {
    Answer answer = send("GET", "/api/v1/rollouts");
    if (answer.status() == 404) {
      throw new IllegalStateException(
          "This platform does not serve rollouts (GET /api/v1/rollouts answered 404: "
              + answer.detail()
              + "). It is older than this console: upgrade platform-service.");
    }
    return read(answer, RolloutStatus.Board.class, "rollout board");
  }

  @Override
  public RolloutStatus.CommandResult command(String rollout, RolloutStatus.Command command) {
    Answer answer =
        send(
            "POST",
            "/api/v1/rollouts/" + segment(rollout) + "/" + command.name().toLowerCase(Locale.ROOT));
    if (answer.status() == 404 || answer.status() == 409) {
      throw new RolloutStatus.RefusedException(answer.detail(), answer.status() == 404);
    }
    return read(answer, RolloutStatus.CommandResult.class, "command result");
  }

  @Override
  public RolloutStatus.Matrix matrix(MatrixTarget target) {
    List<String> query = new ArrayList<>();
    switch (target) {
      case MatrixTarget.Nothing n -> {}
      case MatrixTarget.OfRollout r -> query.add("rollout=" + value(r.name()));
      case MatrixTarget.Versions v -> {
        if (!v.kubernetesVersion().isEmpty()) {
          query.add("kubernetesVersion=" + value(v.kubernetesVersion()));
        }
        if (!v.kernelVersion().isEmpty()) {
          query.add("kernelVersion=" + value(v.kernelVersion()));
        }
        if (!v.osImage().isEmpty()) {
          query.add("osImage=" + value(v.osImage()));
        }
      }
    }
    Answer answer =
        send(
            "GET", "/api/v1/patch-matrix" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    if (answer.status() == 404 && target instanceof MatrixTarget.OfRollout) {
      throw new IllegalStateException(answer.detail());
    }
    if (answer.status() == 404) {
      throw new IllegalStateException(
          "This platform does not serve the patch matrix (GET /api/v1/patch-matrix answered 404: "
              + answer.detail()
              + "). It is older than this console: upgrade platform-service.");
    }
    return read(answer, RolloutStatus.Matrix.class, "patch matrix");
  }

  /** One answer: its status and body (the body up to {@link #LIMIT}). */
  private record Answer(String method, String path, int status, String body) {
    /** The problem's sentence ({@code detail}) when the platform sent one, else the body. */
    String detail() {
      try {
        var detail = new ObjectMapper().readTree(body).path("detail");
        if (detail.isTextual() && !detail.asText().isBlank()) {
          return detail.asText();
        }
      } catch (IOException | RuntimeException notJson) {
        // fall back to what was sent
      }
      return body.isBlank() ? "HTTP " + status : body.strip();
    }
  }

  private Answer send(String method, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(client.getBaseUri() + path))
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (client.getReadTimeout() != null) {
      request.timeout(client.getReadTimeout());
    }
    if (client.getRequestInterceptor() != null) {
      client.getRequestInterceptor().accept(request);
    }
    try {
      HttpResponse<InputStream> response =
          client.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      String body;
      try (InputStream in = response.body()) {
        byte[] bytes = in.readNBytes(LIMIT + 1);
        if (bytes.length > LIMIT) {
          throw new IllegalStateException(
              "The platform's answer to "
                  + method
                  + " "
                  + path
                  + " is larger than "
                  + LIMIT / (1024 * 1024)
                  + " MiB; the console does not read it.");
        }
        body = new String(bytes, StandardCharsets.UTF_8);
      }
      Answer answer = new Answer(method, path, response.statusCode(), body);
      if (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500) {
        throw new IllegalStateException(
            RemoteNetwork.problem(
                new ApiException(answer.status(), answer.detail(), response.headers(), body)));
      }
      if (answer.status() >= 400 && answer.status() != 404 && answer.status() != 409) {
        throw new IllegalStateException(
            "The platform refused " + method + " " + path + ": " + answer.detail());
      }
      return answer;
    } catch (IOException e) {
      throw new IllegalStateException(
          "The platform at " + client.getBaseUri() + " does not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while asking the platform " + method + " " + path, e);
    }
  }

  private <T> T read(Answer answer, Class<T> type, String what) {
    if (answer.status() != 200) {
      throw new IllegalStateException(
          "The platform answered HTTP "
              + answer.status()
              + " to "
              + answer.method()
              + " "
              + answer.path()
              + ": "
              + answer.detail());
    }
    try {
      return json.readValue(answer.body(), type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "The platform's answer to "
              + answer.method()
              + " "
              + answer.path()
              + " is not a "
              + what
              + " this console can read ("
              + e.getOriginalMessage()
              + "). Are the console and the platform the same version?",
          e);
    }
  }

  /** A rollout name as one path segment: whatever it holds, it never leaves its segment. */
  static String segment(String name) {
    if (name == null || name.isBlank() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("'" + name + "' is not a rollout name");
    }
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String value(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
