package io.fleetgate.kube;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Call;
import okhttp3.Response;

/**
 * One server-side apply PATCH whose answer is only checked, not parsed: the hot path of a sync,
 * where the stored object is not needed. Retries what the server asks to repeat.
 */
final class ApplyCall {

  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  private ApplyCall() {}

  static void send(
      ApiClient client,
      ResourceType type,
      KubeObject desired,
      String fieldManager,
      boolean dryRun,
      boolean force) {
    String path = path(type, desired);
    byte[] body = desired.json().toString().getBytes(StandardCharsets.UTF_8);
    String action =
        "apply "
            + type.gvk().kind()
            + " "
            + (desired.namespace() == null ? "" : desired.namespace() + "/")
            + desired.name();
    for (int attempt = 1; ; attempt++) {
      try (Response response = call(client, path, body, fieldManager, dryRun, force).execute()) {
        if (response.isSuccessful()) {
          return;
        }
        String answer = response.body() == null ? "" : response.body().string();
        if (!Retry.isTransient(response.code()) || attempt >= 5) {
          throw new KubeException(
              "Cannot "
                  + action
                  + " on "
                  + client.getBasePath()
                  + ": "
                  + message(answer, response.code()),
              response.code(),
              null);
        }
        sleep(Retry.backoff(attempt, retryAfter(response.header("Retry-After"))));
      } catch (IOException e) {
        if (attempt >= 5) {
          throw new KubeException(
              "Cannot " + action + " on " + client.getBasePath() + ": " + e.getMessage(), 0, e);
        }
        sleep(Retry.backoff(attempt, Duration.ZERO));
      }
    }
  }

  private static Call call(
      ApiClient client,
      String path,
      byte[] body,
      String fieldManager,
      boolean dryRun,
      boolean force) {
    List<Pair> query =
        new ArrayList<>(
            List.of(
                new Pair("fieldManager", fieldManager),
                new Pair("force", Boolean.toString(force))));
    if (dryRun) {
      query.add(new Pair("dryRun", "All"));
    }
    Map<String, String> headers =
        new HashMap<>(Map.of("Content-Type", APPLY_PATCH, "Accept", "application/json"));
    try {
      return client.buildCall(
          null,
          path,
          "PATCH",
          query,
          List.of(),
          body,
          headers,
          Map.of(),
          Map.of(),
          new String[] {"BearerToken"},
          null);
    } catch (ApiException e) {
      throw new KubeException("Cannot build the request for " + path + ": " + e.getMessage(), e);
    }
  }

  static String path(ResourceType type, KubeObject object) {
    GroupVersionKind gvk = type.gvk();
    StringBuilder path =
        new StringBuilder(
            gvk.group().isEmpty()
                ? "/api/" + gvk.version()
                : "/apis/" + gvk.group() + "/" + gvk.version());
    if (type.namespaced()) {
      path.append("/namespaces/").append(object.namespace());
    }
    return path.append('/').append(type.plural()).append('/').append(object.name()).toString();
  }

  /** The {@code message} of a Kubernetes Status answer, or the answer itself. */
  private static String message(String answer, int code) {
    try {
      JsonObject status = JsonParser.parseString(answer).getAsJsonObject();
      if (status.has("message")) {
        return status.get("message").getAsString();
      }
    } catch (RuntimeException e) {
      // not a Status document
    }
    return answer.isBlank() ? "HTTP " + code : answer;
  }

  private static Duration retryAfter(String header) {
    try {
      return header == null
          ? Duration.ZERO
          : Duration.ofSeconds(Math.min(5, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeException("Interrupted while retrying", e);
    }
  }
}
