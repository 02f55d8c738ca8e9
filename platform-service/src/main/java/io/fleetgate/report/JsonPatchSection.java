package io.fleetgate.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fleetgate.patch.ClusterPatchState;
import io.fleetgate.patch.LevelRow;
import io.fleetgate.report.patch.MatrixPart;
import io.fleetgate.report.patch.PatchSection;
import io.fleetgate.report.patch.RolloutHistory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The report's patch section in JSON, as {@code patches}: the requirement, the matrix ({@code read:
 * false} with the reason when it could not be read) and each rollout's history; {@code {"included":
 * false, "why": ...}} when the report leaves it out. Times are ISO-8601, durations whole seconds,
 * absent ones null.
 */
final class JsonPatchSection {

  private JsonPatchSection() {}

  static void write(JsonGenerator json, PatchSection section) throws IOException {
    json.writeObjectFieldStart("patches");
    switch (section) {
      case PatchSection.Omitted omitted -> {
        json.writeBooleanField("included", false);
        json.writeStringField("why", omitted.why());
      }
      case PatchSection.Included included -> {
        json.writeBooleanField("included", true);
        json.writeStringField("requirement", PatchSection.REQUIREMENT);
        json.writeStringField("requirementText", PatchSection.REQUIREMENT_TEXT);
        matrix(json, included.matrix());
        json.writeArrayFieldStart("rollouts");
        for (RolloutHistory rollout : included.rollouts()) {
          rollout(json, rollout);
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
  }

  private static void matrix(JsonGenerator json, MatrixPart part) throws IOException {
    json.writeObjectFieldStart("matrix");
    switch (part) {
      case MatrixPart.NotRead notRead -> {
        json.writeBooleanField("read", false);
        json.writeStringField("reason", notRead.reason());
      }
      case MatrixPart.Read read -> {
        json.writeBooleanField("read", true);
        json.writeStringField("at", read.at().toString());
        var target = read.matrix().target();
        json.writeObjectFieldStart("target");
        json.writeStringField("source", read.targetSource());
        json.writeStringField("kubernetesVersion", target.kubernetesVersion());
        json.writeStringField("kernelVersion", target.kernelVersion());
        json.writeStringField("osImage", target.osImage());
        json.writeEndObject();
        json.writeArrayFieldStart("clusters");
        for (ClusterPatchState cluster : read.matrix().clusters()) {
          cluster(json, cluster);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("notRead");
        for (String problem : read.matrix().notRead()) {
          json.writeString(problem);
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
  }

  private static void cluster(JsonGenerator json, ClusterPatchState cluster) throws IOException {
    json.writeStartObject();
    json.writeStringField("cluster", cluster.cluster());
    switch (cluster) {
      case ClusterPatchState.Unreachable u -> {
        json.writeStringField("state", "unreachable");
        json.writeStringField("reason", u.reason());
      }
      case ClusterPatchState.Counted c -> {
        json.writeStringField("state", "listed");
        json.writeNumberField("nodes", c.nodes());
        if (c.judged()) {
          json.writeNumberField("upToDate", c.upToDate());
        } else {
          json.writeNullField("upToDate");
        }
        json.writeArrayFieldStart("levels");
        for (LevelRow row : c.levels()) {
          json.writeStartObject();
          json.writeStringField("kubernetesVersion", row.level().kubernetesVersion());
          json.writeStringField("kernelVersion", row.level().kernelVersion());
          json.writeStringField("osImage", row.level().osImage());
          json.writeNumberField("nodes", row.nodes());
          if (c.judged()) {
            json.writeNumberField("upToDate", row.upToDate());
          } else {
            json.writeNullField("upToDate");
          }
          json.writeNumberField("notReady", row.notReady());
          json.writeNumberField("cordoned", row.cordoned());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
  }

  private static void rollout(JsonGenerator json, RolloutHistory r) throws IOException {
    json.writeStartObject();
    json.writeStringField("rollout", r.rollout());
    json.writeStringField("state", r.state().name().toLowerCase(java.util.Locale.ROOT));
    time(json, "started", r.started());
    json.writeStringField("startedBy", r.startedBy());
    time(json, "lastStep", r.lastStep());
    json.writeArrayFieldStart("waves");
    for (RolloutHistory.WaveSpan w : r.waves()) {
      json.writeStartObject();
      json.writeStringField("wave", w.wave());
      time(json, "started", w.started());
      time(json, "done", w.done());
      seconds(json, "seconds", w.took());
      json.writeArrayFieldStart("heldFor");
      for (String hold : w.holds()) {
        json.writeString(hold);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("clusters");
    for (RolloutHistory.ClusterSpan c : r.clusters()) {
      json.writeStartObject();
      json.writeStringField("cluster", c.cluster());
      json.writeStringField("wave", c.wave());
      json.writeStringField("change", c.change());
      json.writeStringField("outcome", c.outcome().word());
      time(json, "patching", c.patched());
      time(json, "settled", c.settled());
      seconds(json, "seconds", c.took());
      time(json, "restored", c.restored());
      json.writeStringField("detail", c.detail());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("approvals");
    for (RolloutHistory.Approval a : r.approvals()) {
      json.writeStartObject();
      time(json, "at", a.at());
      json.writeStringField("wave", a.wave());
      json.writeStringField("by", a.by());
      json.writeStringField("group", a.group());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("interruptions");
    for (RolloutHistory.Interruption i : r.interruptions()) {
      json.writeStartObject();
      time(json, "at", i.at());
      json.writeStringField("kind", i.kind());
      json.writeStringField("wave", i.wave());
      json.writeStringField("reason", i.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("steps");
    for (RolloutHistory.Step s : r.steps()) {
      json.writeStartObject();
      time(json, "at", s.at());
      json.writeStringField("event", s.event());
      json.writeStringField("wave", s.wave());
      json.writeStringField("cluster", s.cluster());
      json.writeStringField("message", s.message());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void time(JsonGenerator json, String field, Instant at) throws IOException {
    if (at == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, at.toString());
    }
  }

  private static void seconds(JsonGenerator json, String field, Duration took) throws IOException {
    if (took == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, took.toSeconds());
    }
  }
}
