package io.fleetgate.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import java.io.IOException;
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

  /**
   * Writes apply documents as JSON. Map entries whose value is null are left out (as Fleetgate's
   * earlier Gson writer did), so that a null in YAML never reaches the server as an explicit null;
   * binary values ({@code !!binary}) are written in base64, as Kubernetes expects them; a number
   * that is not finite ({@code .nan}, {@code .inf}) is refused, since JSON has none.
   */
  private static final ObjectMapper JSON = jsonWriter();

  private ApplyCall() {}

  private static ObjectMapper jsonWriter() {
    ObjectMapper json = new ObjectMapper();
    json.configOverride(Map.class)
        .setInclude(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    SimpleModule finite = new SimpleModule("finite-numbers");
    finite.addSerializer(Double.class, new FiniteNumber<>(Double.class));
    finite.addSerializer(Float.class, new FiniteNumber<>(Float.class));
    json.registerModule(finite);
    return json;
  }

  /** Writes a floating-point number, refusing NaN and the infinities. */
  private static final class FiniteNumber<T extends Number> extends StdSerializer<T> {
    FiniteNumber(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      double number = value.doubleValue();
      if (Double.isNaN(number) || Double.isInfinite(number)) {
        throw JsonMappingException.from(
            out, "holds " + value + ", which JSON cannot carry; quote it if a string is meant");
      }
      if (value instanceof Float f) {
        out.writeNumber(f);
      } else {
        out.writeNumber(number);
      }
    }
  }

  /** An object to apply: its identity and its JSON body, written once. */
  record Document(GroupVersionKind gvk, String namespace, String name, byte[] body) {

    /** {@code Kind namespace/name}, for messages. */
    String describe() {
      return gvk.kind() + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    /**
     * @throws KubeException when the object lacks apiVersion, kind or metadata.name
     */
    @SuppressWarnings("unchecked")
    static Document of(Map<String, Object> object) {
      Object metadata = object.get("metadata");
      Object apiVersion = object.get("apiVersion");
      Object kind = object.get("kind");
      if (!(metadata instanceof Map<?, ?> meta)
          || !(apiVersion instanceof String)
          || !(kind instanceof String)
          || !(meta.get("name") instanceof String name)) {
        throw new KubeException(
            "Cannot apply an object without apiVersion, kind and metadata.name");
      }
      Object namespace = ((Map<String, Object>) meta).get("namespace");
      try {
        return new Document(
            GroupVersionKind.of((String) apiVersion, (String) kind),
            namespace == null ? null : namespace.toString(),
            name,
            JSON.writeValueAsBytes(object));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new KubeException(
            "Cannot apply "
                + kind
                + " "
                + (namespace == null ? "" : namespace + "/")
                + name
                + ": a field "
                + e.getOriginalMessage(),
            e);
      }
    }
  }

  static void send(
      ApiClient client,
      ResourceType type,
      Document desired,
      String fieldManager,
      boolean dryRun,
      boolean force) {
    String path = path(type, desired.namespace(), desired.name());
    byte[] body = desired.body();
    String action = "apply " + desired.describe();
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
        if (attempt >= 5 || e instanceof ClusterApi.Closed) {
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

  static String path(ResourceType type, String namespace, String name) {
    GroupVersionKind gvk = type.gvk();
    StringBuilder path =
        new StringBuilder(
            gvk.group().isEmpty()
                ? "/api/" + gvk.version()
                : "/apis/" + gvk.group() + "/" + gvk.version());
    if (type.namespaced()) {
      path.append("/namespaces/").append(namespace);
    }
    return path.append('/').append(type.plural()).append('/').append(name).toString();
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
