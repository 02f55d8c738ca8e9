package io.fleetgate.rollout.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.fleetgate.kube.KubeObject;
import java.util.List;
import java.util.Optional;

/**
 * Who owns a field of an object, as its {@code metadata.managedFields} say: each entry names a
 * manager, its operation ({@code Apply} or {@code Update}) and the fields it owns as a {@code
 * FieldsV1} tree ({@code f:spec → f:topology → f:version}; list entries by key, {@code
 * k:{"name":"x"}}).
 */
final class ManagedFields {

  private ManagedFields() {}

  /**
   * The first manager other than {@code self} that applies one of the paths, described as {@code
   * "<manager> (server-side apply)"}; empty when only updates (or nobody) set them.
   */
  static Optional<String> otherApplier(KubeObject object, List<List<String>> paths, String self) {
    Optional<JsonElement> entries = object.at("metadata", "managedFields");
    if (entries.isEmpty() || !entries.get().isJsonArray()) {
      return Optional.empty();
    }
    for (JsonElement one : entries.get().getAsJsonArray()) {
      if (!one.isJsonObject()) {
        continue;
      }
      JsonObject entry = one.getAsJsonObject();
      String manager = text(entry, "manager");
      if (manager.equals(self) || !"Apply".equals(text(entry, "operation"))) {
        continue;
      }
      if (!entry.has("fieldsV1") || !entry.get("fieldsV1").isJsonObject()) {
        continue;
      }
      for (List<String> path : paths) {
        if (owns(entry.getAsJsonObject("fieldsV1"), path)) {
          return Optional.of(manager + " (server-side apply)");
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code manager} owns the path, through any operation. */
  static boolean ownedBy(KubeObject object, List<String> path, String manager) {
    Optional<JsonElement> entries = object.at("metadata", "managedFields");
    if (entries.isEmpty() || !entries.get().isJsonArray()) {
      return false;
    }
    for (JsonElement one : entries.get().getAsJsonArray()) {
      if (one.isJsonObject()
          && manager.equals(text(one.getAsJsonObject(), "manager"))
          && one.getAsJsonObject().has("fieldsV1")
          && one.getAsJsonObject().get("fieldsV1").isJsonObject()
          && owns(one.getAsJsonObject().getAsJsonObject("fieldsV1"), path)) {
        return true;
      }
    }
    return false;
  }

  static boolean owns(JsonObject fields, List<String> path) {
    JsonObject at = fields;
    for (String step : path) {
      JsonElement next = at.get(step);
      if (next == null || !next.isJsonObject()) {
        return false;
      }
      at = next.getAsJsonObject();
    }
    return true;
  }

  private static String text(JsonObject entry, String field) {
    JsonElement value = entry.get(field);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
  }
}
