package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The segmentation findings of one analysis. */
public final class Findings {

  private Findings() {}

  /** Every finding, sorted by kind, then subject. */
  public static List<NetpolFinding> of(NetworkAnalysis analysis, ProtectedNamespaces protection) {
    NetworkModel model = analysis.model();
    List<NetpolFinding> findings = new ArrayList<>();
    defaultDeny(model, findings);
    for (Policy policy : model.policies()) {
      if (analysis.selectedBy(policy.id()).isEmpty()) {
        findings.add(
            new NetpolFinding(
                NetpolFinding.Kind.SELECTS_NOTHING,
                policy.source(),
                "NetworkPolicy " + policy.id(),
                "selects no workload in namespace "
                    + policy.id().namespace()
                    + "; fix its podSelector or remove it"));
      }
      anyAddress(policy, findings);
    }
    findings.addAll(protectedReach(analysis, protection));
    shadowed(analysis, findings);
    Collections.sort(findings);
    return findings;
  }

  /**
   * Every connection into a protected namespace from outside its allow-list, with the rules that
   * admit it.
   */
  public static List<NetpolFinding> protectedReach(
      NetworkAnalysis analysis, ProtectedNamespaces protection) {
    Map<String, Namespace> namespaces = new HashMap<>();
    analysis.model().namespaces().forEach(n -> namespaces.put(n.name(), n));
    Set<String> protectedNames =
        namespaces.values().stream()
            .filter(protection::isProtected)
            .map(Namespace::name)
            .collect(Collectors.toSet());
    List<NetpolFinding> findings = new ArrayList<>();
    if (protectedNames.isEmpty()) {
      return findings;
    }
    Map<Endpoint.Pods, SourceLocation> sources = new HashMap<>();
    analysis.model().workloads().forEach(w -> sources.put(w.endpoint(), w.source()));
    for (Connection c : analysis.connections()) {
      if (!(c.dst() instanceof Endpoint.Pods dst) || !protectedNames.contains(dst.namespace())) {
        continue;
      }
      if (!protection.outsideAllowList(c.src(), dst.namespace(), protectedNames::contains)) {
        continue;
      }
      Explanation why = analysis.explain(c.src(), c.dst());
      findings.add(
          new NetpolFinding(
              NetpolFinding.Kind.PROTECTED_REACHABLE,
              openingSource(analysis, why).orElse(sources.get(dst)),
              c.src().name() + " => " + c.dst().name(),
              c.conn()
                  + " into protected namespace "
                  + dst.namespace()
                  + " from outside its allow-list, "
                  + admittedBy(why)
                  + "; narrow the rule to allowed sources, or waive it with a reason"));
    }
    return findings;
  }

  /** {@code allowed by pay/allow-web ingress rule 1}, or why nothing on that side applies. */
  static String admittedBy(Explanation why) {
    return switch (why.ingress()) {
      case Explanation.Side.Isolated isolated ->
          "allowed by "
              + isolated.matches().stream()
                  .map(m -> m.policy() + " " + m.direction().word() + " rule " + m.rule())
                  .collect(Collectors.joining(", "));
      case Explanation.Side.NotIsolated n -> "its ingress is not isolated (no policy selects it)";
      case Explanation.Side.Outside o -> "outside the cluster";
    };
  }

  private static java.util.Optional<SourceLocation> openingSource(
      NetworkAnalysis analysis, Explanation why) {
    if (why.ingress() instanceof Explanation.Side.Isolated isolated
        && !isolated.matches().isEmpty()) {
      PolicyId id = isolated.matches().getFirst().policy();
      return analysis.model().policies().stream()
          .filter(p -> p.id().equals(id))
          .map(Policy::source)
          .findFirst();
    }
    return java.util.Optional.empty();
  }

  private static void defaultDeny(NetworkModel model, List<NetpolFinding> findings) {
    Map<String, SourceLocation> withWorkloads = new LinkedHashMap<>();
    model.workloads().forEach(w -> withWorkloads.putIfAbsent(w.namespace(), w.source()));
    for (Map.Entry<String, SourceLocation> namespace : withWorkloads.entrySet()) {
      for (Direction direction : Direction.values()) {
        boolean denied =
            model.policies().stream()
                .anyMatch(
                    p ->
                        p.id().namespace().equals(namespace.getKey())
                            && p.podSelector().selectsEverything()
                            && p.isolates(direction));
        if (!denied) {
          findings.add(
              new NetpolFinding(
                  NetpolFinding.Kind.NO_DEFAULT_DENY,
                  namespace.getValue(),
                  "namespace " + namespace.getKey(),
                  "has no default-deny "
                      + direction.word()
                      + " policy; add one with podSelector: {} and policyTypes: ["
                      + (direction == Direction.INGRESS ? "Ingress" : "Egress")
                      + "]"));
        }
      }
    }
  }

  private static void anyAddress(Policy policy, List<NetpolFinding> findings) {
    for (Direction direction : Direction.values()) {
      if (!policy.isolates(direction)) {
        continue;
      }
      List<Rule> rules = policy.rules(direction);
      for (int i = 0; i < rules.size(); i++) {
        for (Peer peer : rules.get(i).peers()) {
          if (peer instanceof Peer.Addresses a
              && a.block().cidr().equals(IpRange.all(a.block().cidr().v6()))) {
            findings.add(
                new NetpolFinding(
                    NetpolFinding.Kind.ANY_ADDRESS,
                    policy.source(),
                    "NetworkPolicy " + policy.id(),
                    direction.word()
                        + " rule "
                        + (i + 1)
                        + " admits "
                        + a.block().text()
                        + (a.block().except().isEmpty() ? "" : " (with exceptions)")
                        + ", every address; name the ranges that need it"));
          }
        }
      }
    }
  }

  private static void shadowed(NetworkAnalysis analysis, List<NetpolFinding> findings) {
    Map<String, List<PolicyIndex>> byNamespace = new HashMap<>();
    for (PolicyIndex index : analysis.policyIndexes()) {
      byNamespace
          .computeIfAbsent(index.policy().id().namespace(), n -> new ArrayList<>())
          .add(index);
    }
    for (List<PolicyIndex> policies : byNamespace.values()) {
      for (Direction direction : Direction.values()) {
        List<BoundRule> rules = new ArrayList<>();
        Map<BoundRule, BitSet> selected = new HashMap<>();
        for (PolicyIndex index : policies) {
          if (index.policy().isolates(direction) && !index.selected().isEmpty()) {
            for (BoundRule rule : index.rules(direction)) {
              rules.add(rule);
              selected.put(rule, index.selected());
            }
          }
        }
        for (int i = 0; i < rules.size(); i++) {
          for (int j = 0; j < rules.size(); j++) {
            BoundRule r = rules.get(i);
            BoundRule q = rules.get(j);
            if (i != j
                && covers(q, selected.get(q), r, selected.get(r))
                && (!covers(r, selected.get(r), q, selected.get(q)) || j < i)) {
              findings.add(
                  new NetpolFinding(
                      NetpolFinding.Kind.SHADOWED_RULE,
                      r.policy().source(),
                      "NetworkPolicy " + r.policy().id(),
                      r.direction().word()
                          + " rule "
                          + r.number()
                          + " admits nothing that "
                          + q.describe()
                          + " does not; remove it or narrow the broader one"));
              break;
            }
          }
        }
      }
    }
  }

  /** Whether rule q, applied to q's pods, admits everything rule r admits to r's pods. */
  private static boolean covers(BoundRule q, BitSet qPods, BoundRule r, BitSet rPods) {
    if (q.fixed() == null || r.fixed() == null || !q.fixed().contains(r.fixed())) {
      return false;
    }
    if (!subset(rPods, qPods)) {
      return false;
    }
    if (q.rule().anyPeer()) {
      return true;
    }
    if (r.rule().anyPeer()) {
      return false;
    }
    return subset(r.pods(), q.pods()) && q.blocks().containsAll(r.blocks());
  }

  private static boolean subset(BitSet a, BitSet b) {
    for (int i = a.nextSetBit(0); i >= 0; i = a.nextSetBit(i + 1)) {
      if (!b.get(i)) {
        return false;
      }
    }
    return true;
  }
}
