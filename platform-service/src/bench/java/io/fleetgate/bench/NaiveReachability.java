package io.fleetgate.bench;

import io.fleetgate.netpol.ConnectionSet;
import io.fleetgate.netpol.ContainerPort;
import io.fleetgate.netpol.Namespace;
import io.fleetgate.netpol.NetworkModel;
import io.fleetgate.netpol.Peer;
import io.fleetgate.netpol.Policy;
import io.fleetgate.netpol.PolicyPort;
import io.fleetgate.netpol.PortRanges;
import io.fleetgate.netpol.Rule;
import io.fleetgate.netpol.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the semantics evaluated pair by pair straight from the policies, the way a first
 * implementation would — every policy checked for every pair, every selector matched afresh, no
 * index and no cache. It answers the same question as the engine, so its rows must be the engine's.
 */
final class NaiveReachability {

  private final NetworkModel model;
  private final Map<String, Namespace> namespaces = new HashMap<>();

  NaiveReachability(NetworkModel model) {
    this.model = model;
    model.namespaces().forEach(n -> namespaces.put(n.name(), n));
  }

  /** What {@code src} may open to {@code dst}. */
  ConnectionSet between(Workload src, Workload dst) {
    return side(dst, src, dst, true).intersect(side(src, dst, dst, false));
  }

  private ConnectionSet side(Workload self, Workload other, Workload destination, boolean ingress) {
    boolean isolated = false;
    ConnectionSet allowed = ConnectionSet.NONE;
    for (Policy policy : model.policies()) {
      if (!policy.selects(self)
          || !(ingress ? policy.isolatesIngress() : policy.isolatesEgress())) {
        continue;
      }
      isolated = true;
      for (Rule rule : ingress ? policy.ingress() : policy.egress()) {
        if (admits(rule, policy.id().namespace(), other)) {
          allowed = allowed.union(ports(rule, destination.ports()));
        }
      }
    }
    return isolated ? allowed : ConnectionSet.ALL;
  }

  private boolean admits(Rule rule, String policyNamespace, Workload other) {
    if (rule.peers().isEmpty()) {
      return true;
    }
    for (Peer peer : rule.peers()) {
      if (peer instanceof Peer.Pods pods) {
        boolean namespace =
            pods.namespaces() == null
                ? other.namespace().equals(policyNamespace)
                : pods.namespaces()
                    .matches(
                        namespaces
                            .getOrDefault(other.namespace(), Namespace.implicit(other.namespace()))
                            .labels());
        if (namespace && (pods.pods() == null || pods.pods().matches(other.labels()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static ConnectionSet ports(Rule rule, List<ContainerPort> destination) {
    if (rule.ports().isEmpty()) {
      return ConnectionSet.ALL;
    }
    ConnectionSet all = ConnectionSet.NONE;
    for (PolicyPort port : rule.ports()) {
      all =
          all.union(
              switch (port.match()) {
                case PolicyPort.Match.All a -> ConnectionSet.of(port.protocol(), PortRanges.ALL);
                case PolicyPort.Match.Range r -> ConnectionSet.of(port.protocol(), r.ports());
                case PolicyPort.Match.Named n -> {
                  ConnectionSet named = ConnectionSet.NONE;
                  for (ContainerPort c : destination) {
                    if (n.name().equals(c.name()) && c.protocol() == port.protocol()) {
                      named = named.union(ConnectionSet.of(port.protocol(), c.port()));
                    }
                  }
                  yield named;
                }
              });
    }
    return all;
  }
}
