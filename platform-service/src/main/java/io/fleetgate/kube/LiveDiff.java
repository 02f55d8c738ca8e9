package io.fleetgate.kube;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The differences between a live object and what applying Fleetgate's config would make of it, as
 * {@code path: live → desired} lines. Fields the server owns (status, resourceVersion,
 * managedFields, …) are ignored; objects and arrays are compared field by field and element by
 * element, so a line names the one scalar that differs ({@code spec.containers[0].image}); a whole
 * object or array is only ever summarised ({@code {3 fields}}, {@code [2 items]}), never printed.
 * Secret values, container env values and last-applied annotations are never shown.
 */
public final class LiveDiff {

  private static final Set<String> SERVER_METADATA =
      Set.of(
          "managedFields", "resourceVersion", "generation", "creationTimestamp", "uid", "selfLink");
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final int MAX_LINES = 20;

  /** A container's (or init container's) env entry value: often a credential. */
  private static final java.util.regex.Pattern ENV_VALUE =
      java.util.regex.Pattern.compile("(^|\\.)env\\[\\d+]\\.value$");

  private LiveDiff() {}

  public static List<String> between(JsonObject live, JsonObject desired) {
    boolean secret = "Secret".equals(desired.has("kind") ? desired.get("kind").getAsString() : "");
    List<String> lines = new ArrayList<>();
    compare("", normalise(live), normalise(desired), secret, lines);
    return lines.size() > MAX_LINES ? lines.subList(0, MAX_LINES) : lines;
  }

  private static JsonObject normalise(JsonObject object) {
    JsonObject copy = object.deepCopy();
    copy.remove("status");
    if (copy.has("metadata") && copy.get("metadata").isJsonObject()) {
      JsonObject metadata = copy.getAsJsonObject("metadata");
      SERVER_METADATA.forEach(metadata::remove);
      if (metadata.has("annotations") && metadata.get("annotations").isJsonObject()) {
        metadata.getAsJsonObject("annotations").remove(LAST_APPLIED);
        // Derived from the rest; a change in it says nothing a person needs to read.
        metadata
            .getAsJsonObject("annotations")
            .remove(io.fleetgate.domain.FleetgateMetadata.HASH_ANNOTATION);
      }
    }
    return copy;
  }

  private static void compare(
      String path, JsonElement live, JsonElement desired, boolean secret, List<String> lines) {
    if (live != null && desired != null && live.isJsonObject() && desired.isJsonObject()) {
      Set<String> keys = new TreeSet<>(live.getAsJsonObject().keySet());
      keys.addAll(desired.getAsJsonObject().keySet());
      for (String key : keys) {
        String child = path.isEmpty() ? key : path + "." + key;
        compare(
            child,
            live.getAsJsonObject().get(key),
            desired.getAsJsonObject().get(key),
            secret,
            lines);
      }
      return;
    }
    if (live != null && desired != null && live.isJsonArray() && desired.isJsonArray()) {
      int size = Math.max(live.getAsJsonArray().size(), desired.getAsJsonArray().size());
      for (int i = 0; i < size; i++) {
        compare(
            path + "[" + i + "]",
            i < live.getAsJsonArray().size() ? live.getAsJsonArray().get(i) : null,
            i < desired.getAsJsonArray().size() ? desired.getAsJsonArray().get(i) : null,
            secret,
            lines);
      }
      return;
    }
    if (live == null ? desired == null : live.equals(desired)) {
      return;
    }
    boolean hidden =
        ENV_VALUE.matcher(path).find()
            || secret
                && (path.startsWith("data.")
                    || path.startsWith("stringData.")
                    || path.equals("data")
                    || path.equals("stringData"));
    lines.add(path + ": " + show(live, hidden) + " → " + show(desired, hidden));
  }

  private static String show(JsonElement value, boolean hidden) {
    if (value == null) {
      return "(absent)";
    }
    if (hidden) {
      return "(redacted)";
    }
    if (value.isJsonObject()) {
      return "{" + count(value.getAsJsonObject().size(), "field") + "}";
    }
    if (value.isJsonArray()) {
      return "[" + count(value.getAsJsonArray().size(), "item") + "]";
    }
    String text = value.toString();
    return text.length() > 120 ? text.substring(0, 117) + "…" : text;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
