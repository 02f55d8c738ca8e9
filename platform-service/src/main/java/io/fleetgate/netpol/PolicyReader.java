package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one {@code networking.k8s.io/v1} NetworkPolicy object, validating it as the API would. */
final class PolicyReader {

  private PolicyReader() {}

  /**
   * @throws IllegalArgumentException naming the field that is wrong
   */
  static Policy read(Map<String, Object> object, String namespace, String name, SourceLocation at) {
    Map<String, Object> spec = Fields.map(object, "spec", "spec");
    LabelSelector podSelector =
        Fields.has(spec, "podSelector")
            ? SelectorReader.read(
                Fields.map(spec, "podSelector", "spec.podSelector"), "spec.podSelector")
            : LabelSelector.EVERYTHING;
    List<Rule> ingress = rules(spec, "ingress", "from");
    List<Rule> egress = rules(spec, "egress", "to");
    boolean isolatesIngress;
    boolean isolatesEgress;
    if (Fields.has(spec, "policyTypes")) {
      isolatesIngress = false;
      isolatesEgress = false;
      for (Object type : Fields.list(spec, "policyTypes", "spec.policyTypes")) {
        switch (String.valueOf(type)) {
          case "Ingress" -> isolatesIngress = true;
          case "Egress" -> isolatesEgress = true;
          default ->
              throw new IllegalArgumentException(
                  "spec.policyTypes has '" + type + "'; use Ingress and/or Egress");
        }
      }
    } else {
      // The API's default: Ingress always, Egress when the policy has egress rules.
      isolatesIngress = true;
      isolatesEgress = !egress.isEmpty();
    }
    return new Policy(
        new PolicyId(namespace, name),
        podSelector,
        isolatesIngress,
        isolatesEgress,
        ingress,
        egress,
        at);
  }

  private static List<Rule> rules(Map<String, Object> spec, String direction, String peersKey) {
    List<Rule> rules = new ArrayList<>();
    List<Object> items = Fields.list(spec, direction, "spec." + direction);
    for (int i = 0; i < items.size(); i++) {
      String at = "spec." + direction + "[" + i + "]";
      Map<String, Object> rule = items.get(i) == null ? Map.of() : Fields.item(items.get(i), at);
      List<Peer> peers = new ArrayList<>();
      List<Object> peerItems = Fields.list(rule, peersKey, at + "." + peersKey);
      for (int p = 0; p < peerItems.size(); p++) {
        peers.add(
            peer(
                Fields.item(peerItems.get(p), at + "." + peersKey + "[" + p + "]"),
                at + "." + peersKey + "[" + p + "]"));
      }
      List<PolicyPort> ports = new ArrayList<>();
      List<Object> portItems = Fields.list(rule, "ports", at + ".ports");
      for (int p = 0; p < portItems.size(); p++) {
        ports.add(
            port(
                Fields.item(portItems.get(p), at + ".ports[" + p + "]"), at + ".ports[" + p + "]"));
      }
      rules.add(new Rule(peers, ports));
    }
    return rules;
  }

  private static Peer peer(Map<String, Object> peer, String at) {
    boolean selectors = Fields.has(peer, "podSelector") || Fields.has(peer, "namespaceSelector");
    if (Fields.has(peer, "ipBlock")) {
      if (selectors) {
        throw new IllegalArgumentException(
            at + " has ipBlock and a selector; a peer is one or the other, so split it in two");
      }
      return new Peer.Addresses(
          ipBlock(Fields.map(peer, "ipBlock", at + ".ipBlock"), at + ".ipBlock"));
    }
    if (!selectors) {
      throw new IllegalArgumentException(
          at + " is empty; give it a podSelector, a namespaceSelector or an ipBlock");
    }
    return new Peer.Pods(
        SelectorReader.optional(peer, "namespaceSelector", at + ".namespaceSelector"),
        SelectorReader.optional(peer, "podSelector", at + ".podSelector"));
  }

  private static IpBlock ipBlock(Map<String, Object> block, String at) {
    String cidr = Fields.string(block, "cidr");
    if (cidr == null) {
      throw new IllegalArgumentException(at + " needs a cidr");
    }
    IpRange range = cidr(cidr, at + ".cidr");
    List<IpRange> except = new ArrayList<>();
    List<Object> items = Fields.list(block, "except", at + ".except");
    for (int i = 0; i < items.size(); i++) {
      IpRange hole = cidr(String.valueOf(items.get(i)), at + ".except[" + i + "]");
      if (!range.contains(hole) || hole.equals(range)) {
        throw new IllegalArgumentException(
            at + ".except[" + i + "] " + items.get(i) + " is not strictly inside " + cidr);
      }
      except.add(hole);
    }
    return new IpBlock(cidr, range, except);
  }

  private static IpRange cidr(String text, String at) {
    try {
      return IpRange.parseCidr(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
  }

  private static PolicyPort port(Map<String, Object> port, String at) {
    Protocol protocol;
    try {
      protocol = Protocol.parse(port.get("protocol"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ".protocol: " + e.getMessage(), e);
    }
    Object value = port.get("port");
    Integer endPort = Fields.integer(port, "endPort", at + ".endPort");
    if (value == null) {
      if (endPort != null) {
        throw new IllegalArgumentException(at + " has endPort without port; add the first port");
      }
      return PolicyPort.all(protocol);
    }
    if (value instanceof String name && !name.chars().allMatch(Character::isDigit)) {
      if (endPort != null) {
        throw new IllegalArgumentException(
            at + " has endPort with the named port '" + name + "'; a range needs a number");
      }
      return PolicyPort.named(protocol, name);
    }
    int number;
    try {
      number = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(at + ".port '" + value + "' is not a port", e);
    }
    int last = endPort == null ? number : endPort;
    if (number < PortRanges.MIN || number > PortRanges.MAX || last > PortRanges.MAX) {
      throw new IllegalArgumentException(at + ".port " + value + " is outside 1-65535");
    }
    if (last < number) {
      throw new IllegalArgumentException(
          at + ".endPort " + endPort + " is below port " + number + "; swap them");
    }
    return PolicyPort.range(protocol, number, last);
  }
}
