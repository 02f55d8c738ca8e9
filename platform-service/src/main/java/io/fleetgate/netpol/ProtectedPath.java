package io.fleetgate.netpol;

import java.util.List;

/**
 * A connection into a protected namespace from another namespace or from addresses outside the
 * cluster, with what admits it: the facts a change-set policy judges against its allow-list.
 *
 * @param admittedBy the destination's ingress rules that admit the source; empty when the
 *     destination's ingress is not isolated (no policy selects it)
 * @param cidrs for an address source, the admitting rules' ipBlock CIDRs as written
 */
public record ProtectedPath(
    Connection connection, List<Explanation.RuleMatch> admittedBy, List<String> cidrs) {

  public ProtectedPath {
    admittedBy = List.copyOf(admittedBy);
    cidrs = List.copyOf(cidrs);
  }

  /**
   * Every connection into a namespace carrying {@code labelKey: labelValue} whose source is another
   * namespace's workload or an address range, sorted.
   */
  public static List<ProtectedPath> of(
      NetworkAnalysis analysis, String labelKey, String labelValue) {
    java.util.Set<String> protectedNames = new java.util.HashSet<>();
    for (Namespace namespace : analysis.model().namespaces()) {
      if (labelValue.equals(namespace.labels().get(labelKey))) {
        protectedNames.add(namespace.name());
      }
    }
    List<ProtectedPath> paths = new java.util.ArrayList<>();
    if (protectedNames.isEmpty()) {
      return paths;
    }
    for (Connection c : analysis.connections()) {
      if (!(c.dst() instanceof Endpoint.Pods dst) || !protectedNames.contains(dst.namespace())) {
        continue;
      }
      if (c.src() instanceof Endpoint.Pods src && src.namespace().equals(dst.namespace())) {
        continue;
      }
      Explanation why = analysis.explain(c.src(), c.dst());
      List<Explanation.RuleMatch> matches =
          why.ingress() instanceof Explanation.Side.Isolated isolated
              ? isolated.matches()
              : List.of();
      List<String> cidrs =
          c.src() instanceof Endpoint.Addresses a
              ? analysis.blocksAdmitting(a.range(), dst).stream()
                  .map(IpBlock::text)
                  .distinct()
                  .toList()
              : List.of();
      paths.add(new ProtectedPath(c, matches, cidrs));
    }
    return paths;
  }
}
