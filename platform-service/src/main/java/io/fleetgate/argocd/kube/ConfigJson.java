package io.fleetgate.argocd.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fleetgate.argocd.register.ArgoConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code config} JSON of an Argo CD cluster Secret (Argo CD's {@code ClusterConfig}: {@code
 * bearerToken}, {@code tlsClientConfig.{insecure, caData, certData, keyData, serverName}}), written
 * and read back in the one shape Fleetgate writes.
 */
final class ConfigJson {

  private static final Set<String> TOP = Set.of("bearerToken", "tlsClientConfig");
  private static final Set<String> TLS =
      Set.of("insecure", "caData", "certData", "keyData", "serverName");

  private ConfigJson() {}

  static String write(ArgoConfig config) {
    JsonObject tls = new JsonObject();
    tls.addProperty("insecure", false);
    put(tls, "caData", config.caData());
    put(tls, "certData", config.certData());
    put(tls, "keyData", config.keyData());
    put(tls, "serverName", config.serverName());
    JsonObject root = new JsonObject();
    put(root, "bearerToken", config.bearerToken());
    root.add("tlsClientConfig", tls);
    return root.toString();
  }

  /**
   * The config when it has exactly the shape {@link #write} gives (fields Fleetgate does not write,
   * such as {@code execProviderConfig}, or {@code insecure: true}, make it differ); empty
   * otherwise, so the Secret is written again.
   */
  static Optional<ArgoConfig> read(String json) {
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (!parsed.isJsonObject() || !TOP.containsAll(parsed.getAsJsonObject().keySet())) {
        return Optional.empty();
      }
      JsonObject root = parsed.getAsJsonObject();
      JsonObject tls = new JsonObject();
      if (root.has("tlsClientConfig")) {
        if (!root.get("tlsClientConfig").isJsonObject()) {
          return Optional.empty();
        }
        tls = root.getAsJsonObject("tlsClientConfig");
      }
      if (!TLS.containsAll(tls.keySet())
          || (tls.has("insecure") && !isFalse(tls.get("insecure")))) {
        return Optional.empty();
      }
      Map<String, JsonElement> fields = new java.util.HashMap<>(tls.asMap());
      fields.remove("insecure");
      if (root.has("bearerToken")) {
        fields.put("bearerToken", root.get("bearerToken"));
      }
      if (!fields.values().stream().allMatch(ConfigJson::isString)) {
        return Optional.empty();
      }
      return Optional.of(
          new ArgoConfig(
              text(fields, "bearerToken"),
              text(fields, "caData"),
              text(fields, "certData"),
              text(fields, "keyData"),
              text(fields, "serverName")));
    } catch (RuntimeException e) {
      // Not JSON: the parser's message may quote the config, so it is not passed on.
      return Optional.empty();
    }
  }

  private static void put(JsonObject object, String key, String value) {
    if (!value.isEmpty()) {
      object.addProperty(key, value);
    }
  }

  private static boolean isFalse(JsonElement value) {
    return value.isJsonPrimitive()
        && value.getAsJsonPrimitive().isBoolean()
        && !value.getAsBoolean();
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  private static String text(Map<String, JsonElement> fields, String key) {
    JsonElement value = fields.get(key);
    return value == null ? "" : value.getAsString();
  }
}
