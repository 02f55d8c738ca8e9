package io.fleetgate.argocd.register;

import java.util.List;

/** One plan line: {@code <outcome> <cluster> <what and why>}; names and fields, never values. */
final class PlanLines {

  private PlanLines() {}

  static String line(Registration registration) {
    String head = "%-9s %s".formatted(registration.outcome().word(), registration.cluster());
    return head + ": " + detail(registration);
  }

  private static String detail(Registration registration) {
    return switch (registration) {
      case Registration.Create c ->
          "Secret "
              + c.secret().name()
              + " for "
              + c.secret().connection().server()
              + notCopied(c.labelsNotCopied());
      case Registration.Update u ->
          "Secret "
              + u.existing().name()
              + ", changed "
              + String.join(", ", u.changed())
              + notCopied(u.labelsNotCopied());
      case Registration.Unchanged u -> "Secret " + u.existing().name();
      case Registration.Delete d ->
          "Secret "
              + d.existing().name()
              + switch (d.why()) {
                case CLUSTER_GONE -> ", its Cluster is gone from the management cluster";
                case DUPLICATE -> ", another Secret Fleetgate made registers the same cluster";
              };
      case Registration.Kept k ->
          k.existing().map(s -> "Secret " + s.name() + " kept as it is").orElse("not registered")
              + ": "
              + k.reason();
      case Registration.Conflict c ->
          c.server()
              + " is registered by "
              + c.holder()
              + ", which Fleetgate does not change; "
              + c.own()
                  .map(s -> "its own Secret " + s.name() + " is left as it is")
                  .orElse("no second registration is made")
              + ". Remove one of the two";
    };
  }

  private static String notCopied(List<String> keys) {
    return keys.isEmpty() ? "" : " (labels not copied: " + String.join(", ", keys) + ")";
  }
}
