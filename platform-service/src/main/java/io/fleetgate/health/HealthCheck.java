package io.fleetgate.health;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.Set;

/** Judges a live object's health from its status, the way its controller reports progress. */
public final class HealthCheck {

  /** Kinds whose health says more than "it exists"; only these are observed after a sync. */
  public static final Set<String> OBSERVED_KINDS =
      Set.of(
          "apps/Deployment",
          "apps/StatefulSet",
          "apps/DaemonSet",
          "batch/Job",
          "/PersistentVolumeClaim",
          "/Service",
          "apiextensions.k8s.io/CustomResourceDefinition");

  private HealthCheck() {}

  /** Whether objects of this group and kind are worth observing after a sync. */
  public static boolean observed(String group, String kind) {
    return OBSERVED_KINDS.contains(group + "/" + kind);
  }

  public static Health of(JsonObject object) {
    String kind = string(object, "kind").orElse("");
    JsonObject status =
        object.has("status") && object.get("status").isJsonObject()
            ? object.getAsJsonObject("status")
            : new JsonObject();
    return switch (kind) {
      case "Deployment" -> deployment(object, status);
      case "StatefulSet" -> statefulSet(object, status);
      case "DaemonSet" -> daemonSet(status);
      case "Job" -> job(status);
      case "PersistentVolumeClaim" -> claim(status);
      case "Service" -> service(object, status);
      case "CustomResourceDefinition" ->
          condition(status, "Established")
              .map(HealthCheck::established)
              .orElse(Health.progressing("not yet established"));
      case "Namespace" ->
          "Terminating".equals(string(status, "phase").orElse(""))
              ? Health.progressing("terminating")
              : Health.healthy();
      default -> generic(status);
    };
  }

  private static Health deployment(JsonObject object, JsonObject status) {
    if (!observedCurrentGeneration(object, status)) {
      return Health.progressing("the controller has not seen the latest spec yet");
    }
    Optional<JsonObject> progressing = condition(status, "Progressing");
    if (progressing.isPresent()
        && "ProgressDeadlineExceeded".equals(string(progressing.get(), "reason").orElse(""))) {
      return Health.degraded(
          "rollout exceeded its progress deadline: "
              + string(progressing.get(), "message").orElse(""));
    }
    long desired = number(object.getAsJsonObject("spec"), "replicas", 1);
    long updated = number(status, "updatedReplicas", 0);
    long available = number(status, "availableReplicas", 0);
    if (updated < desired) {
      return Health.progressing(updated + " of " + desired + " replicas updated");
    }
    if (available < desired) {
      return Health.progressing(available + " of " + desired + " replicas available");
    }
    return Health.healthy(available + " of " + desired + " replicas available");
  }

  private static Health statefulSet(JsonObject object, JsonObject status) {
    if (!observedCurrentGeneration(object, status)) {
      return Health.progressing("the controller has not seen the latest spec yet");
    }
    long desired = number(object.getAsJsonObject("spec"), "replicas", 1);
    long ready = number(status, "readyReplicas", 0);
    long updated = number(status, "updatedReplicas", 0);
    if (updated < desired
        || !string(status, "currentRevision").equals(string(status, "updateRevision"))) {
      return Health.progressing(updated + " of " + desired + " replicas updated");
    }
    return ready < desired
        ? Health.progressing(ready + " of " + desired + " replicas ready")
        : Health.healthy(ready + " of " + desired + " replicas ready");
  }

  private static Health daemonSet(JsonObject status) {
    long desired = number(status, "desiredNumberScheduled", 0);
    long updated = number(status, "updatedNumberScheduled", 0);
    long available = number(status, "numberAvailable", 0);
    if (updated < desired || available < desired) {
      return Health.progressing(
          available + " of " + desired + " nodes available, " + updated + " updated");
    }
    return Health.healthy(available + " of " + desired + " nodes available");
  }

  private static Health job(JsonObject status) {
    if (condition(status, "Failed").filter(HealthCheck::isTrue).isPresent()) {
      return Health.degraded(
          "failed: " + condition(status, "Failed").flatMap(c -> string(c, "message")).orElse(""));
    }
    if (condition(status, "Complete").filter(HealthCheck::isTrue).isPresent()) {
      return Health.healthy("complete");
    }
    return Health.progressing(number(status, "active", 0) + " pods active");
  }

  private static Health claim(JsonObject status) {
    return switch (string(status, "phase").orElse("Pending")) {
      case "Bound" -> Health.healthy("bound");
      case "Lost" -> Health.degraded("the claim lost its volume");
      default -> Health.progressing("waiting for a volume");
    };
  }

  private static Health service(JsonObject object, JsonObject status) {
    if (!"LoadBalancer"
        .equals(
            object.getAsJsonObject("spec") == null
                ? ""
                : string(object.getAsJsonObject("spec"), "type").orElse(""))) {
      return Health.healthy();
    }
    JsonElement ingress =
        status.has("loadBalancer") ? status.getAsJsonObject("loadBalancer").get("ingress") : null;
    return ingress != null && ingress.isJsonArray() && !ingress.getAsJsonArray().isEmpty()
        ? Health.healthy("load balancer ready")
        : Health.progressing("waiting for a load balancer address");
  }

  /**
   * Any kind with a Ready condition is judged by it; without conditions there is nothing to judge.
   */
  private static Health generic(JsonObject status) {
    Optional<JsonObject> ready = condition(status, "Ready");
    if (ready.isEmpty()) {
      return Health.healthy();
    }
    if (isTrue(ready.get())) {
      return Health.healthy();
    }
    String why = string(ready.get(), "message").or(() -> string(ready.get(), "reason")).orElse("");
    return "Unknown".equals(string(ready.get(), "status").orElse(""))
        ? Health.progressing(why)
        : Health.degraded(why);
  }

  private static Health established(JsonObject condition) {
    return isTrue(condition) ? Health.healthy() : Health.progressing("not yet established");
  }

  private static boolean observedCurrentGeneration(JsonObject object, JsonObject status) {
    long generation =
        object.has("metadata") ? number(object.getAsJsonObject("metadata"), "generation", 0) : 0;
    return number(status, "observedGeneration", 0) >= generation;
  }

  private static Optional<JsonObject> condition(JsonObject status, String type) {
    if (!status.has("conditions") || !status.get("conditions").isJsonArray()) {
      return Optional.empty();
    }
    JsonArray conditions = status.getAsJsonArray("conditions");
    for (JsonElement element : conditions) {
      if (element.isJsonObject()
          && type.equals(string(element.getAsJsonObject(), "type").orElse(""))) {
        return Optional.of(element.getAsJsonObject());
      }
    }
    return Optional.empty();
  }

  private static boolean isTrue(JsonObject condition) {
    return "True".equals(string(condition, "status").orElse(""));
  }

  private static Optional<String> string(JsonObject object, String key) {
    JsonElement value = object == null ? null : object.get(key);
    return value == null || !value.isJsonPrimitive()
        ? Optional.empty()
        : Optional.of(value.getAsString());
  }

  private static long number(JsonObject object, String key, long fallback) {
    JsonElement value = object == null ? null : object.get(key);
    return value == null || !value.isJsonPrimitive() ? fallback : value.getAsLong();
  }
}
