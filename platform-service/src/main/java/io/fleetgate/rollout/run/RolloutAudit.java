package io.fleetgate.rollout.run;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.rollout.RolloutEvent;
import java.util.List;
import java.util.Locale;

/**
 * Rollout events as audit rows: kind {@code rollout.<event>} (e.g. {@code rollout.cluster_done}),
 * the cluster, the object {@code PatchRollout <name>}, the event in one word as the decision, and
 * {@code wave <name>: <message>} as the detail.
 */
public final class RolloutAudit {

  /** The audit kinds' common prefix. */
  public static final String KIND_PREFIX = "rollout.";

  private RolloutAudit() {}

  public static String object(String rollout) {
    return "PatchRollout " + rollout;
  }

  public static List<AuditEvent> of(String rollout, String commit, List<RolloutEvent> events) {
    return events.stream().map(e -> of(rollout, commit, e)).toList();
  }

  public static AuditEvent of(String rollout, String commit, RolloutEvent event) {
    String word = event.kind().name().toLowerCase(Locale.ROOT);
    return new AuditEvent(
        KIND_PREFIX + word,
        event.cluster(),
        "",
        commit,
        object(rollout),
        word,
        (event.wave().isEmpty() ? "" : "wave " + event.wave() + ": ") + event.message());
  }
}
