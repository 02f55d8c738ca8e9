package io.fleetgate.kube;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;

/**
 * One page of a list in every namespace ({@code ?limit=N&continue=TOKEN}), its answer read up to a
 * byte limit before it is parsed: a cluster cannot make Fleetgate hold more than that in memory for
 * one page, however large the objects it stores. Retries what the server asks to repeat.
 *
 * @param items the page's objects, each with the list's apiVersion and kind filled in
 * @param continueToken the token for the next page, or {@code null} after the last
 */
public record ListPage(List<KubeObject> items, String continueToken) {

  public ListPage {
    items = List.copyOf(items);
    continueToken = continueToken == null || continueToken.isEmpty() ? null : continueToken;
  }

  /** Whether another page follows. */
  public boolean more() {
    return continueToken != null;
  }

  static ListPage fetch(
      ApiClient client, ResourceType type, int limit, String continueToken, int maxBytes) {
    GroupVersionKind gvk = type.gvk();
    String path =
        (gvk.group().isEmpty()
                ? "/api/" + gvk.version()
                : "/apis/" + gvk.group() + "/" + gvk.version())
            + "/"
            + type.plural();
    String action = "list " + gvk.kind() + " on " + client.getBasePath();
    for (int attempt = 1; ; attempt++) {
      try (Response response = call(client, path, limit, continueToken).execute()) {
        byte[] body = read(response, maxBytes, action, limit);
        if (response.isSuccessful()) {
          return parse(body, gvk, action);
        }
        if (!Retry.isTransient(response.code()) || attempt >= 5) {
          throw new KubeException(
              "Cannot " + action + ": " + refusal(response.code(), body), response.code(), null);
        }
        sleep(Retry.backoff(attempt, Duration.ZERO));
      } catch (IOException e) {
        if (attempt >= 5 || e instanceof ClusterApi.Closed) {
          throw new KubeException("Cannot " + action + ": " + e.getMessage(), 0, e);
        }
        sleep(Retry.backoff(attempt, Duration.ZERO));
      }
    }
  }

  private static okhttp3.Call call(ApiClient client, String path, int limit, String token) {
    List<Pair> query = new ArrayList<>(List.of(new Pair("limit", Integer.toString(limit))));
    if (token != null) {
      query.add(new Pair("continue", token));
    }
    try {
      return client.buildCall(
          null,
          path,
          "GET",
          query,
          List.of(),
          null,
          new java.util.HashMap<>(Map.of("Accept", "application/json")),
          Map.of(),
          Map.of(),
          new String[] {"BearerToken"},
          null);
    } catch (ApiException e) {
      throw new KubeException("Cannot build the request for " + path + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(Response response, int maxBytes, String action, int limit)
      throws IOException {
    if (response.body() == null) {
      return new byte[0];
    }
    try (InputStream in = response.body().byteStream()) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new KubeException(
            "Cannot "
                + action
                + ": one page of "
                + limit
                + " objects is larger than "
                + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes")
                + ", which Fleetgate does not read; ask the cluster's owner why its objects"
                + " are this large");
      }
      return bytes;
    }
  }

  private static ListPage parse(byte[] body, GroupVersionKind gvk, String action) {
    try {
      JsonObject list =
          JsonParser.parseString(new String(body, java.nio.charset.StandardCharsets.UTF_8))
              .getAsJsonObject();
      List<KubeObject> items = new ArrayList<>();
      JsonElement array = list.get("items");
      if (array != null && array.isJsonArray()) {
        for (JsonElement item : (JsonArray) array) {
          JsonObject object = item.getAsJsonObject();
          // List items come without apiVersion and kind.
          object.addProperty("apiVersion", gvk.apiVersion());
          object.addProperty("kind", gvk.kind());
          items.add(new KubeObject(object));
        }
      }
      String next = null;
      JsonElement metadata = list.get("metadata");
      if (metadata != null && metadata.isJsonObject()) {
        JsonElement token = metadata.getAsJsonObject().get("continue");
        next = token == null || token.isJsonNull() ? null : token.getAsString();
      }
      return new ListPage(items, next);
    } catch (RuntimeException e) {
      throw new KubeException("Cannot " + action + ": the answer is not a list", e);
    }
  }

  /** The server's reason, cut short; a 410 says what to do. */
  private static String refusal(int code, byte[] body) {
    if (code == 410) {
      return "the list expired between two pages (HTTP 410); run it again";
    }
    String reason = "HTTP " + code;
    try {
      JsonObject status =
          JsonParser.parseString(new String(body, java.nio.charset.StandardCharsets.UTF_8))
              .getAsJsonObject();
      if (status.has("message")) {
        reason = status.get("message").getAsString();
      }
    } catch (RuntimeException e) {
      // not a Status document
    }
    return reason.length() > 300 ? reason.substring(0, 299) + "…" : reason;
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
