package io.fleetgate.netpol;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reachability of one model: which endpoint may open which connections to which, kept up to
 * date as policies change. Not thread-safe; one analysis belongs to one caller.
 *
 * <p>A connection from workload S to workload D is allowed when S's egress allows it (S is not
 * isolated for egress, or one of its egress rules admits D on those ports) and D's ingress allows
 * it (the same, the other way). A workload no policy selects in a direction is not isolated in it.
 * Addresses outside the cluster are subject to no policy: a connection from an address needs only
 * the destination's ingress, one to an address only the source's egress. ipBlocks never match pods
 * (pod addresses are unknown before they run), the usual reading of analysers.
 *
 * <p>Work is proportional to the connections found, not to every pair: selectors resolve once to
 * bit sets over workload indices, each destination's candidate sources are the intersection of what
 * its ingress admits and what may egress to it, and a policy change recomputes only the rows of the
 * workloads that policy selects (before or after).
 */
public final class NetworkAnalysis {

  private NetworkModel model;
  private final Selection selection;
  private final int size;
  private final BitSet allPods;
  private final Map<Endpoint.Pods, Integer> indices = new HashMap<>();
  private final Map<PolicyId, PolicyIndex> policies = new LinkedHashMap<>();
  private final List<List<PolicyIndex>> selecting;
  private final Map<IpRange, Integer> boundaries = new HashMap<>();
  private AddressSpace space;
  private final BitSet egressOpen;
  private final BitSet[] reverseEgress;
  private final List<Map<Integer, ConnectionSet>> inbound;
  private ConnectionSet[][] fromAddresses;
  private ConnectionSet[][] toAddresses;

  private NetworkAnalysis(NetworkModel model) {
    this.model = model;
    this.selection = new Selection(model);
    this.size = selection.size();
    this.allPods = selection.all();
    this.selecting = new ArrayList<>(size);
    this.reverseEgress = new BitSet[size];
    this.inbound = new ArrayList<>(size);
    this.egressOpen = new BitSet(size);
    for (int i = 0; i < size; i++) {
      selecting.add(new ArrayList<>(2));
      reverseEgress[i] = new BitSet();
      inbound.add(Map.of());
      indices.put(selection.workload(i).endpoint(), i);
    }
  }

  /** Analyses the model: every policy resolved, every connection computed. */
  public static NetworkAnalysis of(NetworkModel model) {
    NetworkAnalysis analysis = new NetworkAnalysis(model);
    for (Policy policy : model.policies()) {
      analysis.add(analysis.index(policy));
    }
    analysis.space = AddressSpace.cutAt(analysis.boundaries.keySet());
    for (int w = 0; w < analysis.size; w++) {
      analysis.refreshEgress(w);
    }
    for (int d = 0; d < analysis.size; d++) {
      analysis.inbound.set(d, analysis.computeInbound(d));
    }
    analysis.computeAllAddresses();
    return analysis;
  }

  /** The model as it stands after every update. */
  public NetworkModel model() {
    return model;
  }

  /**
   * Every allowed connection, sorted by source then destination name; a workload is never listed to
   * itself, and address pieces only to and from workloads.
   */
  public List<Connection> connections() {
    List<Connection> rows = new ArrayList<>();
    for (int d = 0; d < size; d++) {
      Endpoint dst = selection.workload(d).endpoint();
      for (Map.Entry<Integer, ConnectionSet> e : inbound.get(d).entrySet()) {
        rows.add(new Connection(selection.workload(e.getKey()).endpoint(), dst, e.getValue()));
      }
    }
    List<IpRange> pieces = space.pieces();
    for (int w = 0; w < size; w++) {
      Endpoint pods = selection.workload(w).endpoint();
      for (int p = 0; p < pieces.size(); p++) {
        Endpoint addresses = new Endpoint.Addresses(pieces.get(p));
        if (!fromAddresses[w][p].isEmpty()) {
          rows.add(new Connection(addresses, pods, fromAddresses[w][p]));
        }
        if (!toAddresses[w][p].isEmpty()) {
          rows.add(new Connection(pods, addresses, toAddresses[w][p]));
        }
      }
    }
    Collections.sort(rows);
    return rows;
  }

  /** The number of allowed connections (rows of {@link #connections()}), without listing them. */
  public long connectionCount() {
    long count = 0;
    for (int d = 0; d < size; d++) {
      count += inbound.get(d).size();
    }
    for (int w = 0; w < size; w++) {
      for (int p = 0; p < space.pieces().size(); p++) {
        count += (fromAddresses[w][p].isEmpty() ? 0 : 1) + (toAddresses[w][p].isEmpty() ? 0 : 1);
      }
    }
    return count;
  }

  /** The address pieces: the space outside the cluster cut at every ipBlock boundary. */
  public List<IpRange> addressPieces() {
    return space.pieces();
  }

  /**
   * Finds an endpoint by {@code namespace/name[Kind]}, by {@code namespace/name} when one kind has
   * that name, or by an address (the piece holding it).
   */
  public Optional<Endpoint> endpoint(String text) {
    String wanted = text.strip();
    Endpoint.Pods found = null;
    for (Endpoint.Pods pods : indices.keySet()) {
      if (pods.name().equals(wanted)) {
        return Optional.of(pods);
      }
      if ((pods.namespace() + "/" + pods.workload()).equals(wanted)) {
        if (found != null) {
          return Optional.empty();
        }
        found = pods;
      }
    }
    if (found != null) {
      return Optional.of(found);
    }
    try {
      int piece = space.pieceOf(IpRange.parseAddress(wanted));
      return piece < 0
          ? Optional.empty()
          : Optional.of(new Endpoint.Addresses(space.pieces().get(piece)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The workload endpoints, in the model's order. */
  public List<Endpoint.Pods> workloads() {
    List<Endpoint.Pods> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      all.add(selection.workload(i).endpoint());
    }
    return all;
  }

  /** Whether any policy isolates the workload in the direction. */
  public boolean isolated(Endpoint.Pods workload, Direction direction) {
    Integer index = indices.get(workload);
    return index != null && isolated(index, direction);
  }

  /** The workloads a policy of the model selects. */
  public List<Endpoint.Pods> selectedBy(PolicyId id) {
    PolicyIndex index = policies.get(id);
    List<Endpoint.Pods> selected = new ArrayList<>();
    if (index != null) {
      for (int w = index.selected().nextSetBit(0); w >= 0; w = index.selected().nextSetBit(w + 1)) {
        selected.add(selection.workload(w).endpoint());
      }
    }
    return selected;
  }

  /** The ipBlocks of the destination's ingress rules that admit the address piece. */
  List<IpBlock> blocksAdmitting(IpRange piece, Endpoint.Pods dst) {
    List<IpBlock> blocks = new ArrayList<>();
    Integer d = indices.get(dst);
    if (d == null) {
      return blocks;
    }
    for (PolicyIndex index : selecting.get(d)) {
      if (!index.policy().isolatesIngress()) {
        continue;
      }
      for (BoundRule rule : index.ingress()) {
        for (IpBlock block : rule.blocks()) {
          if (block.covers(piece)) {
            blocks.add(block);
          }
        }
      }
    }
    return blocks;
  }

  /** The resolved policies, for findings. */
  java.util.Collection<PolicyIndex> policyIndexes() {
    return Collections.unmodifiableCollection(policies.values());
  }

  /** What the source may open to the destination ({@link ConnectionSet#NONE} when unknown). */
  public ConnectionSet allowed(Endpoint src, Endpoint dst) {
    return explain(src, dst).allowed();
  }

  /** Why the source may or may not open connections to the destination. */
  public Explanation explain(Endpoint src, Endpoint dst) {
    Explanation.Side egress = side(src, dst, Direction.EGRESS);
    Explanation.Side ingress = side(dst, src, Direction.INGRESS);
    ConnectionSet allowed = egress.connections().intersect(ingress.connections());
    if (src instanceof Endpoint.Addresses && dst instanceof Endpoint.Addresses) {
      allowed = ConnectionSet.NONE;
    }
    if (unknown(src) || unknown(dst)) {
      allowed = ConnectionSet.NONE;
    }
    return new Explanation(src, dst, allowed, egress, ingress);
  }

  private boolean unknown(Endpoint endpoint) {
    return endpoint instanceof Endpoint.Pods pods && !indices.containsKey(pods);
  }

  private Explanation.Side side(Endpoint self, Endpoint other, Direction direction) {
    if (!(self instanceof Endpoint.Pods pods) || !indices.containsKey(pods)) {
      return new Explanation.Side.Outside();
    }
    int w = indices.get(pods);
    if (!isolated(w, direction)) {
      return new Explanation.Side.NotIsolated();
    }
    List<PolicyId> isolatedBy = new ArrayList<>();
    List<Explanation.RuleMatch> matches = new ArrayList<>();
    for (PolicyIndex policy : sorted(selecting.get(w))) {
      if (!policy.policy().isolates(direction)) {
        continue;
      }
      isolatedBy.add(policy.policy().id());
      for (BoundRule rule : policy.rules(direction)) {
        ConnectionSet conn = admitted(rule, direction, w, other);
        if (!conn.isEmpty()) {
          matches.add(
              new Explanation.RuleMatch(policy.policy().id(), direction, rule.number(), conn));
        }
      }
    }
    return new Explanation.Side.Isolated(isolatedBy, matches);
  }

  /** What the rule of workload {@code w} allows with the other endpoint. */
  private ConnectionSet admitted(BoundRule rule, Direction direction, int w, Endpoint other) {
    if (other instanceof Endpoint.Addresses addresses) {
      if (!rule.admits(addresses.range())) {
        return ConnectionSet.NONE;
      }
      return direction == Direction.INGRESS
          ? rule.connections(selection.workload(w))
          : rule.connectionsToAddresses();
    }
    Integer o = indices.get((Endpoint.Pods) other);
    if (o == null || !rule.pods().get(o)) {
      return ConnectionSet.NONE;
    }
    return rule.connections(selection.workload(direction == Direction.INGRESS ? w : o));
  }

  private static List<PolicyIndex> sorted(List<PolicyIndex> indices) {
    List<PolicyIndex> sorted = new ArrayList<>(indices);
    sorted.sort((a, b) -> a.policy().id().compareTo(b.policy().id()));
    return sorted;
  }

  /**
   * Adds the policy, or replaces the one with its id, and recomputes only what it changes: the rows
   * to and from the workloads it selects before or after.
   */
  public void update(Policy policy) {
    change(policy.id(), policy);
  }

  /** Removes the policy and recomputes what it changes. */
  public void remove(PolicyId id) {
    change(id, null);
  }

  private void change(PolicyId id, Policy policy) {
    PolicyIndex old = policies.get(id);
    if (old == null && policy == null) {
      return;
    }
    BitSet affected = new BitSet(size);
    java.util.Set<IpRange> before = new java.util.HashSet<>(boundaries.keySet());
    if (old != null) {
      affected.or(old.selected());
      removeIndex(old);
    }
    if (policy != null) {
      PolicyIndex index = index(policy);
      affected.or(index.selected());
      add(index);
      model = model.withPolicy(policy);
    } else {
      model = model.withoutPolicy(id);
    }
    boolean cut = !before.equals(boundaries.keySet());
    for (int w = affected.nextSetBit(0); w >= 0; w = affected.nextSetBit(w + 1)) {
      for (BitSet reverse : reverseEgress) {
        reverse.clear(w);
      }
      refreshEgress(w);
    }
    for (int w = affected.nextSetBit(0); w >= 0; w = affected.nextSetBit(w + 1)) {
      inbound.set(w, computeInbound(w));
    }
    for (int s = affected.nextSetBit(0); s >= 0; s = affected.nextSetBit(s + 1)) {
      for (int d = 0; d < size; d++) {
        if (!affected.get(d)) {
          refreshPair(s, d);
        }
      }
    }
    if (cut) {
      space = AddressSpace.cutAt(boundaries.keySet());
      computeAllAddresses();
    } else {
      for (int w = affected.nextSetBit(0); w >= 0; w = affected.nextSetBit(w + 1)) {
        computeAddresses(w);
      }
    }
  }

  private PolicyIndex index(Policy policy) {
    String namespace = policy.id().namespace();
    BitSet selected = selection.pods(namespace, policy.podSelector());
    return new PolicyIndex(
        policy,
        selected,
        bind(policy, Direction.INGRESS, namespace),
        bind(policy, Direction.EGRESS, namespace));
  }

  private List<BoundRule> bind(Policy policy, Direction direction, String namespace) {
    List<Rule> rules = policy.rules(direction);
    List<BoundRule> bound = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      BitSet pods;
      List<IpBlock> blocks = new ArrayList<>();
      if (rule.anyPeer()) {
        pods = allPods;
      } else {
        List<BitSet> parts = new ArrayList<>();
        for (Peer peer : rule.peers()) {
          switch (peer) {
            case Peer.Pods p -> parts.add(selection.peer(namespace, p));
            case Peer.Addresses a -> blocks.add(a.block());
          }
        }
        if (parts.size() == 1) {
          pods = parts.getFirst();
        } else {
          pods = new BitSet();
          parts.forEach(pods::or);
        }
      }
      ConnectionSet fixed = rule.namesPorts() ? null : rule.connections(List.of());
      bound.add(new BoundRule(policy, direction, i + 1, rule, pods, List.copyOf(blocks), fixed));
    }
    return List.copyOf(bound);
  }

  private void add(PolicyIndex index) {
    policies.put(index.policy().id(), index);
    BitSet selected = index.selected();
    for (int w = selected.nextSetBit(0); w >= 0; w = selected.nextSetBit(w + 1)) {
      selecting.get(w).add(index);
    }
    count(index, 1);
  }

  private void removeIndex(PolicyIndex index) {
    policies.remove(index.policy().id());
    BitSet selected = index.selected();
    for (int w = selected.nextSetBit(0); w >= 0; w = selected.nextSetBit(w + 1)) {
      selecting.get(w).removeIf(i -> i == index);
    }
    count(index, -1);
  }

  private void count(PolicyIndex index, int delta) {
    for (Direction direction : Direction.values()) {
      for (BoundRule rule : index.rules(direction)) {
        for (IpBlock block : rule.blocks()) {
          bump(block.cidr(), delta);
          block.except().forEach(hole -> bump(hole, delta));
        }
      }
    }
  }

  private void bump(IpRange range, int delta) {
    boundaries.merge(range, delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  private boolean isolated(int w, Direction direction) {
    for (PolicyIndex index : selecting.get(w)) {
      if (index.policy().isolates(direction)) {
        return true;
      }
    }
    return false;
  }

  /** Sets the workload's egress openness and its bits in the destinations' reverse sets. */
  private void refreshEgress(int s) {
    if (!isolated(s, Direction.EGRESS)) {
      egressOpen.set(s);
      return;
    }
    egressOpen.clear(s);
    for (PolicyIndex index : selecting.get(s)) {
      if (!index.policy().isolatesEgress()) {
        continue;
      }
      for (BoundRule rule : index.egress()) {
        BitSet pods = rule.pods();
        for (int d = pods.nextSetBit(0); d >= 0; d = pods.nextSetBit(d + 1)) {
          reverseEgress[d].set(s);
        }
      }
    }
  }

  private Map<Integer, ConnectionSet> computeInbound(int d) {
    BitSet candidates;
    if (isolated(d, Direction.INGRESS)) {
      candidates = new BitSet(size);
      for (PolicyIndex index : selecting.get(d)) {
        if (index.policy().isolatesIngress()) {
          for (BoundRule rule : index.ingress()) {
            candidates.or(rule.pods());
          }
        }
      }
    } else {
      candidates = (BitSet) allPods.clone();
    }
    BitSet senders = (BitSet) egressOpen.clone();
    senders.or(reverseEgress[d]);
    candidates.and(senders);
    candidates.clear(d);
    if (candidates.isEmpty()) {
      return Map.of();
    }
    Map<Integer, ConnectionSet> rows = new HashMap<>();
    for (int s = candidates.nextSetBit(0); s >= 0; s = candidates.nextSetBit(s + 1)) {
      ConnectionSet conn = pair(s, d);
      if (!conn.isEmpty()) {
        rows.put(s, conn);
      }
    }
    return rows;
  }

  private void refreshPair(int s, int d) {
    ConnectionSet conn = s == d ? ConnectionSet.NONE : pair(s, d);
    Map<Integer, ConnectionSet> rows = inbound.get(d);
    if (conn.isEmpty()) {
      if (rows.containsKey(s)) {
        rows.remove(s);
      }
      return;
    }
    if (!(rows instanceof HashMap)) {
      rows = new HashMap<>(rows);
      inbound.set(d, rows);
    }
    rows.put(s, conn);
  }

  private ConnectionSet pair(int s, int d) {
    ConnectionSet ingress = side(d, s, d, Direction.INGRESS);
    if (ingress.isEmpty()) {
      return ingress;
    }
    return ingress.intersect(side(s, d, d, Direction.EGRESS));
  }

  /** What workload {@code w}'s rules in the direction allow with workload {@code other}. */
  private ConnectionSet side(int w, int other, int destination, Direction direction) {
    ConnectionSet allowed = null;
    for (PolicyIndex index : selecting.get(w)) {
      if (!index.policy().isolates(direction)) {
        continue;
      }
      if (allowed == null) {
        allowed = ConnectionSet.NONE;
      }
      for (BoundRule rule : index.rules(direction)) {
        if (rule.pods().get(other)) {
          allowed = allowed.union(rule.connections(selection.workload(destination)));
          if (allowed.isAll()) {
            return allowed;
          }
        }
      }
    }
    return allowed == null ? ConnectionSet.ALL : allowed;
  }

  private void computeAllAddresses() {
    int pieces = space.pieces().size();
    fromAddresses = new ConnectionSet[size][pieces];
    toAddresses = new ConnectionSet[size][pieces];
    for (int w = 0; w < size; w++) {
      computeAddresses(w);
    }
  }

  private void computeAddresses(int w) {
    List<IpRange> pieces = space.pieces();
    for (int p = 0; p < pieces.size(); p++) {
      fromAddresses[w][p] = addressSide(w, pieces.get(p), Direction.INGRESS);
      toAddresses[w][p] = addressSide(w, pieces.get(p), Direction.EGRESS);
    }
  }

  private ConnectionSet addressSide(int w, IpRange piece, Direction direction) {
    ConnectionSet allowed = null;
    for (PolicyIndex index : selecting.get(w)) {
      if (!index.policy().isolates(direction)) {
        continue;
      }
      if (allowed == null) {
        allowed = ConnectionSet.NONE;
      }
      for (BoundRule rule : index.rules(direction)) {
        if (rule.admits(piece)) {
          allowed =
              allowed.union(
                  direction == Direction.INGRESS
                      ? rule.connections(selection.workload(w))
                      : rule.connectionsToAddresses());
        }
      }
    }
    return allowed == null ? ConnectionSet.ALL : allowed;
  }
}
