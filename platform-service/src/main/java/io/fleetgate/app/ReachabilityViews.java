package io.fleetgate.app;

import io.fleetgate.api.Reachability;
import io.fleetgate.netpol.Connection;
import io.fleetgate.netpol.ConnectionChange;
import io.fleetgate.netpol.ConnectionSet;
import io.fleetgate.netpol.Direction;
import io.fleetgate.netpol.Endpoint;
import io.fleetgate.netpol.Explanation;
import io.fleetgate.netpol.Findings;
import io.fleetgate.netpol.Namespace;
import io.fleetgate.netpol.NetpolFinding;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpol.PolicyId;
import io.fleetgate.netpol.PortRanges;
import io.fleetgate.netpol.ProtectedNamespaces;
import io.fleetgate.netpol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The engine's answers in the API's words; pure. */
final class ReachabilityViews {

  private ReachabilityViews() {}

  static Reachability.Report report(
      String cluster, String commit, NetworkAnalysis analysis, ProtectedNamespaces protection) {
    Map<String, Namespace> namespaces = new TreeMap<>();
    analysis.model().namespaces().forEach(n -> namespaces.put(n.name(), n));
    List<Reachability.WorkloadView> workloads = new ArrayList<>();
    for (Endpoint.Pods pods : analysis.workloads()) {
      namespaces.computeIfAbsent(pods.namespace(), Namespace::implicit);
      workloads.add(
          new Reachability.WorkloadView(
              pods.name(),
              pods.namespace(),
              pods.workload(),
              pods.kind(),
              analysis.isolated(pods, Direction.INGRESS),
              analysis.isolated(pods, Direction.EGRESS)));
    }
    workloads.sort(java.util.Comparator.comparing(Reachability.WorkloadView::endpoint));
    List<Reachability.NamespaceView> spaces = new ArrayList<>();
    for (Namespace n : namespaces.values()) {
      spaces.add(
          new Reachability.NamespaceView(
              n.name(), new TreeMap<>(n.labels()), protection.isProtected(n)));
    }
    List<Reachability.ConnectionView> connections = new ArrayList<>();
    for (Connection c : analysis.connections()) {
      connections.add(
          new Reachability.ConnectionView(
              c.src().name(), c.dst().name(), c.conn().toString(), ports(c.conn())));
    }
    List<Reachability.FindingView> findings = new ArrayList<>();
    for (NetpolFinding f : Findings.of(analysis, protection)) {
      findings.add(
          new Reachability.FindingView(
              f.kind().id(),
              f.kind().severity().name().toLowerCase(Locale.ROOT),
              f.subject(),
              f.message(),
              f.location().toString()));
    }
    return new Reachability.Report(cluster, commit, spaces, workloads, connections, findings);
  }

  static List<Reachability.PortRange> ports(ConnectionSet conn) {
    List<Reachability.PortRange> ports = new ArrayList<>();
    for (Protocol protocol : Protocol.values()) {
      for (PortRanges.Range r : conn.ports(protocol).ranges()) {
        ports.add(new Reachability.PortRange(protocol.name(), r.from(), r.to()));
      }
    }
    return ports;
  }

  static Reachability.ExplanationView explanation(String cluster, String commit, Explanation why) {
    return new Reachability.ExplanationView(
        cluster,
        commit,
        why.src().name(),
        why.dst().name(),
        why.isAllowed(),
        why.allowed().toString(),
        side(why.egress()),
        side(why.ingress()),
        why.toString());
  }

  private static Reachability.SideView side(Explanation.Side side) {
    return switch (side) {
      case Explanation.Side.NotIsolated n ->
          new Reachability.SideView("not-isolated", List.of(), List.of());
      case Explanation.Side.Outside o -> new Reachability.SideView("outside", List.of(), List.of());
      case Explanation.Side.Isolated isolated ->
          new Reachability.SideView(
              "isolated",
              isolated.isolatedBy().stream().map(PolicyId::toString).toList(),
              isolated.matches().stream()
                  .map(
                      m ->
                          new Reachability.RuleView(
                              m.policy().toString(),
                              m.direction().word(),
                              m.rule(),
                              m.conn().toString()))
                  .toList());
    };
  }

  /**
   * One change, with the rules that admit the pair at each end: the rules of the new revision open
   * it, those of the old one allowed what closed.
   */
  static Reachability.ChangeView change(
      ConnectionChange change, NetworkAnalysis before, NetworkAnalysis after) {
    return new Reachability.ChangeView(
        change.src().name(),
        change.dst().name(),
        words(change.opened()),
        words(change.closed()),
        change.before().toString(),
        change.after().toString(),
        change.opened().isEmpty() ? List.of() : rules(after, change),
        change.closed().isEmpty() ? List.of() : rules(before, change));
  }

  private static String words(ConnectionSet conn) {
    return conn.isEmpty() ? "" : conn.toString();
  }

  /** The rules admitting the pair on both sides, as {@code ns/name ingress rule 1 (TCP 80)}. */
  private static List<String> rules(NetworkAnalysis analysis, ConnectionChange change) {
    Explanation why = analysis.explain(change.src(), change.dst());
    List<String> rules = new ArrayList<>();
    for (Explanation.Side side : List.of(why.egress(), why.ingress())) {
      if (side instanceof Explanation.Side.Isolated isolated) {
        isolated.matches().forEach(m -> rules.add(m.toString()));
      }
    }
    return rules;
  }
}
