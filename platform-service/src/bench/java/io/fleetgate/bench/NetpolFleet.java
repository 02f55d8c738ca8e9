package io.fleetgate.bench;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.netpol.ContainerPort;
import io.fleetgate.netpol.IpBlock;
import io.fleetgate.netpol.IpRange;
import io.fleetgate.netpol.LabelSelector;
import io.fleetgate.netpol.Namespace;
import io.fleetgate.netpol.NetworkModel;
import io.fleetgate.netpol.Peer;
import io.fleetgate.netpol.Policy;
import io.fleetgate.netpol.PolicyId;
import io.fleetgate.netpol.PolicyPort;
import io.fleetgate.netpol.Protocol;
import io.fleetgate.netpol.Rule;
import io.fleetgate.netpol.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated cluster for the NetworkPolicy benchmark, deterministic: namespaces by team and
 * environment (some protected), workloads with roles and named ports, and per namespace a default
 * deny, a DNS rule and allow rules of five shapes (same-namespace pods on a named port, pods of a
 * team's namespaces, egress to another environment's databases, egress to address blocks with
 * exceptions, ingress from the internet on a port range).
 */
final class NetpolFleet {

  private static final String[] ROLES = {"web", "api", "db", "cache"};

  private NetpolFleet() {}

  static NetworkModel generate(int namespaces, int workloads, int policies) {
    List<Namespace> spaces = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      Map<String, String> labels = new HashMap<>();
      labels.put("team", "t" + i % 30);
      labels.put("env", i % 3 == 0 ? "prod" : "dev");
      if (i % 50 == 7) {
        labels.put("fleetgate.io/cde", "true");
      }
      spaces.add(new Namespace(name(i), labels));
    }
    List<Workload> pods = new ArrayList<>();
    for (int w = 0; w < workloads; w++) {
      String role = ROLES[w % ROLES.length];
      List<ContainerPort> ports = new ArrayList<>();
      ports.add(new ContainerPort("http", 8080, Protocol.TCP));
      ports.add(new ContainerPort("metrics", 9090, Protocol.TCP));
      if (role.equals("db")) {
        ports.add(new ContainerPort("pg", 5432, Protocol.TCP));
      }
      pods.add(
          new Workload(
              name(w % namespaces),
              "app-" + w,
              w % 3 == 0 ? "StatefulSet" : "Deployment",
              Map.of("app", "app-" + w / namespaces, "role", role),
              ports,
              SourceLocation.file("generated")));
    }
    List<Policy> all = new ArrayList<>();
    for (int p = 0; p < policies; p++) {
      all.add(policy(p % namespaces, p / namespaces));
    }
    return new NetworkModel(spaces, pods, all);
  }

  static String name(int namespace) {
    return "ns-" + namespace;
  }

  /** The {@code j}th policy of namespace {@code i}. */
  static Policy policy(int i, int j) {
    return policy(i, j, 0);
  }

  /** The same policy with its port moved by {@code shift}: a policy change. */
  static Policy policy(int i, int j, int shift) {
    String ns = name(i);
    PolicyId id = new PolicyId(ns, "p-" + j);
    SourceLocation at = SourceLocation.file("generated");
    if (j == 0) {
      return new Policy(id, LabelSelector.EVERYTHING, true, true, List.of(), List.of(), at);
    }
    if (j == 1) {
      Peer dns =
          new Peer.Pods(
              LabelSelector.of(Map.of(Namespace.NAME_LABEL, name(0))),
              LabelSelector.of(Map.of("role", "cache")));
      Rule rule =
          new Rule(
              List.of(dns),
              List.of(
                  PolicyPort.range(Protocol.UDP, 53, 53), PolicyPort.range(Protocol.TCP, 53, 53)));
      return new Policy(id, LabelSelector.EVERYTHING, false, true, List.of(), List.of(rule), at);
    }
    return switch (j % 5) {
      case 0 ->
          ingress(
              id,
              LabelSelector.of(Map.of("app", "app-" + j % 9)),
              new Rule(
                  List.of(new Peer.Pods(null, LabelSelector.of(Map.of("role", "web")))),
                  List.of(
                      shift == 0 ? PolicyPort.named(Protocol.TCP, "http") : port(8000 + shift))),
              at);
      case 1 ->
          ingress(
              id,
              LabelSelector.of(Map.of("role", "db")),
              new Rule(
                  List.of(
                      new Peer.Pods(
                          LabelSelector.of(Map.of("team", "t" + i % 30)),
                          LabelSelector.of(Map.of("role", "api")))),
                  List.of(port(5432 + shift))),
              at);
      case 2 ->
          egress(
              id,
              LabelSelector.of(Map.of("role", "api")),
              new Rule(
                  List.of(
                      new Peer.Pods(
                          LabelSelector.of(Map.of("env", "prod")),
                          new LabelSelector(
                              Map.of(),
                              List.of(
                                  new LabelSelector.Requirement(
                                      "role",
                                      LabelSelector.Operator.IN,
                                      java.util.Set.of("db", "cache")))))),
                  List.of(port(5432 + shift), port(6379))),
              at);
      case 3 ->
          egress(
              id,
              LabelSelector.of(Map.of("role", "web")),
              new Rule(
                  List.of(
                      new Peer.Addresses(
                          block("10." + j % 20 + ".0.0/16", "10." + j % 20 + ".1.0/24"))),
                  List.of(port(443 + shift))),
              at);
      default ->
          ingress(
              id,
              LabelSelector.of(Map.of("role", "web")),
              new Rule(
                  List.of(new Peer.Addresses(block("0.0.0.0/0", "10.0.0.0/8"))),
                  List.of(PolicyPort.range(Protocol.TCP, 8080, 8089 + shift))),
              at);
    };
  }

  private static PolicyPort port(int port) {
    return PolicyPort.range(Protocol.TCP, port, port);
  }

  private static IpBlock block(String cidr, String except) {
    return new IpBlock(cidr, IpRange.parseCidr(cidr), List.of(IpRange.parseCidr(except)));
  }

  private static Policy ingress(PolicyId id, LabelSelector pods, Rule rule, SourceLocation at) {
    return new Policy(id, pods, true, false, List.of(rule), List.of(), at);
  }

  private static Policy egress(PolicyId id, LabelSelector pods, Rule rule, SourceLocation at) {
    return new Policy(id, pods, false, true, List.of(), List.of(rule), at);
  }
}
