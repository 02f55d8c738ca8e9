package io.fleetgate.api;

import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy reachability as the API answers it: one cluster's configuration at one revision,
 * analysed by the same engine as {@code fleetgate netpol}. Endpoints are named as that command
 * names them: {@code namespace/name[Kind]}, or an address range {@code a.b.c.d-e.f.g.h}.
 */
public final class Reachability {

  private Reachability() {}

  /**
   * A cluster's reachability at a revision.
   *
   * @param commit the commit analysed (the revision asked for, resolved)
   * @param connections every allowed connection, sorted by source then destination
   */
  public record Report(
      String cluster,
      String commit,
      List<NamespaceView> namespaces,
      List<WorkloadView> workloads,
      List<ConnectionView> connections,
      List<FindingView> findings) {}

  /**
   * @param labels the namespace's labels as declared (or implied: {@code
   *     kubernetes.io/metadata.name})
   * @param protectedNamespace whether it carries the protected label ({@code fleetgate.io/cde:
   *     "true"})
   */
  public record NamespaceView(
      String name, Map<String, String> labels, boolean protectedNamespace) {}

  /**
   * @param endpoint {@code namespace/name[Kind]}
   * @param ingressIsolated whether a policy selects it for ingress
   * @param egressIsolated whether a policy selects it for egress
   */
  public record WorkloadView(
      String endpoint,
      String namespace,
      String name,
      String kind,
      boolean ingressIsolated,
      boolean egressIsolated) {}

  /**
   * @param conn netpol-analyzer's form: {@code All Connections} or {@code TCP 80,UDP 53}
   * @param ports the same, one entry per protocol and range
   */
  public record ConnectionView(String src, String dst, String conn, List<PortRange> ports) {}

  /** The ports {@code from}–{@code to} of one protocol (TCP, UDP or SCTP). */
  public record PortRange(String protocol, int from, int to) {}

  /**
   * @param kind e.g. {@code no-default-deny}, {@code protected-reachable}
   * @param severity deny, warn or info
   * @param subject what it is about: {@code namespace payments}, {@code NetworkPolicy pay/web}
   * @param location the file and line it comes from
   */
  public record FindingView(
      String kind, String severity, String subject, String message, String location) {}

  /**
   * Why one endpoint may or may not reach another.
   *
   * @param conn what is allowed, {@code No Connections} when nothing
   * @param text the explanation in the words of {@code fleetgate netpol explain}
   */
  public record ExplanationView(
      String cluster,
      String commit,
      String src,
      String dst,
      boolean allowed,
      String conn,
      SideView egress,
      SideView ingress,
      String text) {}

  /**
   * What one side of a connection decides.
   *
   * @param decision {@code not-isolated}, {@code outside} (an address) or {@code isolated}
   * @param isolatedBy the policies isolating the workload in this direction
   * @param rules the rules that admit the other end
   */
  public record SideView(String decision, List<String> isolatedBy, List<RuleView> rules) {}

  /** {@code payments/allow-gateway ingress rule 1 (TCP 8080)}. */
  public record RuleView(String policy, String direction, int rule, String conn) {}

  /**
   * The connections a change between two revisions opens and closes on one cluster.
   *
   * @param opened how many pairs may open something new
   * @param closed how many pairs lost something
   * @param truncated whether {@code changes} stops short of every change (at the limit asked for)
   */
  public record DiffView(
      String cluster,
      String from,
      String to,
      int opened,
      int closed,
      boolean truncated,
      List<ChangeView> changes) {}

  /**
   * One pair whose allowed connections differ.
   *
   * @param opened what is allowed at {@code to} and was not at {@code from} (or empty)
   * @param closed what was allowed and is not any more (or empty)
   * @param allowedBy the rules at {@code to} that admit the pair (what opens it)
   * @param previouslyAllowedBy the rules at {@code from} that admitted it
   */
  public record ChangeView(
      String src,
      String dst,
      String opened,
      String closed,
      String before,
      String after,
      List<String> allowedBy,
      List<String> previouslyAllowedBy) {}

  /** Why a reachability question has no answer; each reason is one HTTP status. */
  public enum Refusal {
    /** No cluster of that name (404). */
    UNKNOWN_CLUSTER,
    /** No such commit, branch or tag in the repository (404). */
    UNKNOWN_REVISION,
    /** Not a revision expression at all (400). */
    BAD_REVISION,
    /** No workload or address of that name in the analysis (404). */
    UNKNOWN_ENDPOINT,
    /** The cluster has no synced revision to default to (404). */
    NOT_SYNCED,
    /** The configuration at that revision has objects that cannot be read (422). */
    UNREADABLE,
    /** Too many analyses are running; try again (503). */
    BUSY
  }

  /** A reachability question the platform refuses to answer, with the reason and a sentence. */
  public static final class RefusedException extends RuntimeException {

    private final Refusal refusal;

    public RefusedException(Refusal refusal, String message) {
      super(message);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }
}
