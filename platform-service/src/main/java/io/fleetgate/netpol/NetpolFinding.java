package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;

/**
 * Something about a model's segmentation worth a person's attention.
 *
 * @param location the policy or workload it is about, or where the namespace's first object is
 * @param subject what it is about: {@code namespace payments}, {@code NetworkPolicy pay/allow-web}
 */
public record NetpolFinding(Kind kind, SourceLocation location, String subject, String message)
    implements Comparable<NetpolFinding> {

  /** The closed set of findings, each with how much it matters. */
  public enum Kind {
    /** A protected namespace is reachable from outside its allow-list. */
    PROTECTED_REACHABLE(Severity.DENY),
    /** A namespace with workloads has no policy isolating all of them in a direction. */
    NO_DEFAULT_DENY(Severity.WARN),
    /** A rule admits every address ({@code 0.0.0.0/0} or {@code ::/0}). */
    ANY_ADDRESS(Severity.WARN),
    /** A policy selects no workload. */
    SELECTS_NOTHING(Severity.WARN),
    /** A rule admits nothing another rule for the same pods does not already admit. */
    SHADOWED_RULE(Severity.INFO);

    private final Severity severity;

    Kind(Severity severity) {
      this.severity = severity;
    }

    public Severity severity() {
      return severity;
    }

    /** {@code no-default-deny}: the name shown in reports. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** How much a finding matters. */
  public enum Severity {
    DENY,
    WARN,
    INFO
  }

  @Override
  public int compareTo(NetpolFinding o) {
    int c = kind.compareTo(o.kind);
    return c != 0 ? c : (subject + message).compareTo(o.subject + o.message);
  }

  @Override
  public String toString() {
    return kind.severity().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + kind.id()
        + " "
        + location
        + " "
        + subject
        + ": "
        + message;
  }
}
