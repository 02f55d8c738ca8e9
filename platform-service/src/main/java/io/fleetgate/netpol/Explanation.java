package io.fleetgate.netpol;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Why one endpoint may or may not open connections to another: a connection needs egress allowed at
 * the source and ingress allowed at the destination.
 *
 * @param allowed what is allowed: the egress side's connections intersected with the ingress side's
 * @param egress what the source's side decides
 * @param ingress what the destination's side decides
 */
public record Explanation(
    Endpoint src, Endpoint dst, ConnectionSet allowed, Side egress, Side ingress) {

  /** What one side of a connection decides. */
  public sealed interface Side {

    /** Everything is allowed on this side. */
    default ConnectionSet connections() {
      return ConnectionSet.ALL;
    }

    /** No policy selects the workload in this direction: it is not isolated. */
    record NotIsolated() implements Side {}

    /** An address outside the cluster: no policy applies to it. */
    record Outside() implements Side {}

    /**
     * Policies select the workload in this direction; only their rules' connections are allowed.
     *
     * @param isolatedBy the policies that isolate it, by id
     * @param matches the rules that admit the other endpoint, with what each allows
     */
    record Isolated(List<PolicyId> isolatedBy, List<RuleMatch> matches) implements Side {
      public Isolated {
        isolatedBy = List.copyOf(isolatedBy);
        matches = List.copyOf(matches);
      }

      @Override
      public ConnectionSet connections() {
        ConnectionSet all = ConnectionSet.NONE;
        for (RuleMatch match : matches) {
          all = all.union(match.conn());
        }
        return all;
      }
    }
  }

  /** One rule admitting the other endpoint: {@code payments/allow-gateway ingress rule 1}. */
  public record RuleMatch(PolicyId policy, Direction direction, int rule, ConnectionSet conn) {
    @Override
    public String toString() {
      return policy + " " + direction.word() + " rule " + rule + " (" + conn + ")";
    }
  }

  /** Whether anything is allowed. */
  public boolean isAllowed() {
    return !allowed.isEmpty();
  }

  /**
   * One paragraph: {@code allowed TCP 8080 — egress: not isolated; ingress: allowed by
   * payments/allow-gateway ingress rule 1 (TCP 8080)}.
   */
  @Override
  public String toString() {
    return src.name()
        + " => "
        + dst.name()
        + ": "
        + (isAllowed() ? "allowed " + allowed : "denied")
        + "\n  egress:  "
        + describe(egress, src, Direction.EGRESS)
        + "\n  ingress: "
        + describe(ingress, dst, Direction.INGRESS);
  }

  private static String describe(Side side, Endpoint at, Direction direction) {
    return switch (side) {
      case Side.NotIsolated n ->
          "not isolated (no policy selects " + at.name() + " for " + direction.word() + ")";
      case Side.Outside o -> "outside the cluster (no policy applies)";
      case Side.Isolated isolated when isolated.matches().isEmpty() ->
          "denied: isolated by "
              + join(isolated.isolatedBy())
              + " and no "
              + direction.word()
              + " rule admits the other end";
      case Side.Isolated isolated ->
          "allowed by "
              + isolated.matches().stream()
                  .map(RuleMatch::toString)
                  .collect(Collectors.joining(", "))
              + " (isolated by "
              + join(isolated.isolatedBy())
              + ")";
    };
  }

  private static String join(List<PolicyId> ids) {
    return ids.stream().map(PolicyId::toString).collect(Collectors.joining(", "));
  }
}
