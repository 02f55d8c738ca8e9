package io.fleetgate.netpol;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves selectors against the model's workloads and namespaces, as bit sets over workload
 * indices. Namespace selectors and peers are cached by value: thousands of policies repeat the same
 * few selectors.
 */
final class Selection {

  private final List<Workload> workloads;
  private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
  private final Map<String, BitSet> byNamespace = new HashMap<>();
  private final Map<LabelSelector, List<String>> namespaceCache = new HashMap<>();
  private final Map<PeerKey, BitSet> peerCache = new HashMap<>();
  private final Map<PodsKey, BitSet> podsCache = new HashMap<>();

  Selection(NetworkModel model) {
    this.workloads = model.workloads();
    for (Namespace namespace : model.namespaces()) {
      namespaces.put(namespace.name(), namespace);
    }
    for (int i = 0; i < workloads.size(); i++) {
      String namespace = workloads.get(i).namespace();
      namespaces.putIfAbsent(namespace, Namespace.implicit(namespace));
      byNamespace.computeIfAbsent(namespace, n -> new BitSet()).set(i);
    }
  }

  int size() {
    return workloads.size();
  }

  Workload workload(int index) {
    return workloads.get(index);
  }

  Namespace namespace(String name) {
    return namespaces.getOrDefault(name, Namespace.implicit(name));
  }

  /** Every workload index. */
  BitSet all() {
    BitSet all = new BitSet(workloads.size());
    all.set(0, workloads.size());
    return all;
  }

  /** The workloads of the namespace the selector picks. Shared; never modify the result. */
  BitSet pods(String namespace, LabelSelector selector) {
    return podsCache.computeIfAbsent(
        new PodsKey(namespace, selector),
        key -> {
          BitSet selected = new BitSet();
          BitSet candidates = byNamespace.get(namespace);
          if (candidates == null) {
            return selected;
          }
          for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (selector.matches(workloads.get(i).labels())) {
              selected.set(i);
            }
          }
          return selected;
        });
  }

  /** The workloads a pod peer of a policy in {@code namespace} admits. Shared; never modify. */
  BitSet peer(String namespace, Peer.Pods peer) {
    PeerKey key = new PeerKey(peer.namespaces() == null ? namespace : null, peer);
    return peerCache.computeIfAbsent(key, k -> resolve(namespace, peer));
  }

  private BitSet resolve(String namespace, Peer.Pods peer) {
    LabelSelector pods = peer.pods() == null ? LabelSelector.EVERYTHING : peer.pods();
    if (peer.namespaces() == null) {
      return pods(namespace, pods);
    }
    BitSet selected = new BitSet();
    for (String name : namespaces(peer.namespaces())) {
      selected.or(pods(name, pods));
    }
    return selected;
  }

  private List<String> namespaces(LabelSelector selector) {
    return namespaceCache.computeIfAbsent(
        selector,
        s -> {
          List<String> names = new ArrayList<>();
          for (Namespace namespace : namespaces.values()) {
            if (s.matches(namespace.labels())) {
              names.add(namespace.name());
            }
          }
          return names;
        });
  }

  /** A peer; the policy's namespace matters only when the peer has no namespace selector. */
  private record PeerKey(String namespace, Peer.Pods peer) {}

  private record PodsKey(String namespace, LabelSelector selector) {}
}
