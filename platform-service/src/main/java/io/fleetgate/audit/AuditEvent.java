package io.fleetgate.audit;

import java.util.Objects;

/**
 * Something Fleetgate decided, before it is chained.
 *
 * @param kind what happened, e.g. {@code policy.deny}, {@code apply}, {@code prune}, {@code sync}
 * @param cluster the cluster, or "" for fleet-wide events
 * @param bundle the bundle, or ""
 * @param commit the config commit, or ""
 * @param object the object ({@code Kind ns/name}), or ""
 * @param decision the outcome in one word, e.g. {@code denied}, {@code applied}, {@code failed}
 * @param detail a sentence: the policy message, the server's error, the source location
 */
public record AuditEvent(
    String kind,
    String cluster,
    String bundle,
    String commit,
    String object,
    String decision,
    String detail) {

  public AuditEvent {
    Objects.requireNonNull(kind, "kind");
    cluster = Objects.requireNonNullElse(cluster, "");
    bundle = Objects.requireNonNullElse(bundle, "");
    commit = Objects.requireNonNullElse(commit, "");
    object = Objects.requireNonNullElse(object, "");
    Objects.requireNonNull(decision, "decision");
    detail = Objects.requireNonNullElse(detail, "");
  }
}
