package io.fleetgate.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * A Kubernetes object of any kind as read from or written to an API server.
 *
 * @param json the object as the server returned it (or as it will be sent)
 */
public record KubeObject(JsonObject json) {

  public GroupVersionKind gvk() {
    return GroupVersionKind.of(string("apiVersion"), string("kind"));
  }

  public String name() {
    return metadata().get("name").getAsString();
  }

  /** The namespace, or {@code null} for a cluster-scoped object. */
  public String namespace() {
    JsonElement ns = metadata().get("namespace");
    return ns == null || ns.isJsonNull() ? null : ns.getAsString();
  }

  public JsonObject metadata() {
    return json.getAsJsonObject("metadata");
  }

  /** Follows a path of object keys, e.g. {@code at("status", "phase")}. */
  public Optional<JsonElement> at(String... path) {
    JsonElement current = json;
    for (String key : path) {
      if (current == null || !current.isJsonObject()) {
        return Optional.empty();
      }
      current = current.getAsJsonObject().get(key);
    }
    return current == null || current.isJsonNull() ? Optional.empty() : Optional.of(current);
  }

  /** A label's value, or empty. */
  public Optional<String> label(String key) {
    return at("metadata", "labels", key).map(JsonElement::getAsString);
  }

  /** An annotation's value, or empty. */
  public Optional<String> annotation(String key) {
    return at("metadata", "annotations", key).map(JsonElement::getAsString);
  }

  /** The text at a path of object keys, or empty when it is absent or not a scalar. */
  public Optional<String> text(String... path) {
    return at(path).filter(JsonElement::isJsonPrimitive).map(JsonElement::getAsString);
  }

  /** The object's uid, or "" before the server assigned one. */
  public String uid() {
    return text("metadata", "uid").orElse("");
  }

  private String string(String key) {
    JsonElement value = json.get(key);
    if (value == null || !value.isJsonPrimitive()) {
      throw new KubeException("Object has no " + key + ": " + describe());
    }
    return value.getAsString();
  }

  /**
   * Its kind and name only: the content (Secret data, env values, last-applied annotations) never
   * reaches a message or a log line through a string concatenation.
   */
  @Override
  public String toString() {
    return describe();
  }

  private String describe() {
    JsonElement meta = json.get("metadata");
    if (meta == null || !meta.isJsonObject()) {
      return scalar(json.get("kind"), "(no kind)") + " (no metadata)";
    }
    JsonElement namespace = meta.getAsJsonObject().get("namespace");
    return scalar(json.get("kind"), "(no kind)")
        + " "
        + (namespace == null ? "" : scalar(namespace, "?") + "/")
        + scalar(meta.getAsJsonObject().get("name"), "(no name)");
  }

  private static String scalar(JsonElement value, String otherwise) {
    return value != null && value.isJsonPrimitive() ? value.getAsString() : otherwise;
  }
}
