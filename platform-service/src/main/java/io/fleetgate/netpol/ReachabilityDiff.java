package io.fleetgate.netpol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The semantic difference between two analyses (two revisions, or before and after a change): every
 * pair whose allowed connections differ. Endpoints are matched by name; address rows are compared
 * on the pieces of both analyses' cuts together, so a new ipBlock boundary shows only what it
 * changes.
 */
public final class ReachabilityDiff {

  private ReachabilityDiff() {}

  /** Every changed pair, sorted by source then destination. */
  public static List<ConnectionChange> between(NetworkAnalysis before, NetworkAnalysis after) {
    List<ConnectionChange> changes = new ArrayList<>();
    Map<String, Connection> old = new HashMap<>();
    Map<String, Connection> now = new HashMap<>();
    Rows beforeRows = split(before.connections(), old);
    Rows afterRows = split(after.connections(), now);
    Set<String> keys = new LinkedHashSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      Connection b = old.get(key);
      Connection a = now.get(key);
      ConnectionSet was = b == null ? ConnectionSet.NONE : b.conn();
      ConnectionSet is = a == null ? ConnectionSet.NONE : a.conn();
      if (!was.equals(is)) {
        Connection any = a != null ? a : b;
        changes.add(new ConnectionChange(any.src(), any.dst(), was, is));
      }
    }
    List<IpRange> bounds = new ArrayList<>(before.addressPieces());
    bounds.addAll(after.addressPieces());
    List<IpRange> pieces = AddressSpace.cutAt(bounds).pieces();
    Set<Side> sides = new HashSet<>(beforeRows.addresses.keySet());
    sides.addAll(afterRows.addresses.keySet());
    for (Side side : sides) {
      TreeMap<IpRange, ConnectionSet> was =
          beforeRows.addresses.getOrDefault(side, new TreeMap<>());
      TreeMap<IpRange, ConnectionSet> is = afterRows.addresses.getOrDefault(side, new TreeMap<>());
      for (IpRange piece : pieces) {
        ConnectionSet b = covering(was, piece);
        ConnectionSet a = covering(is, piece);
        if (!b.equals(a)) {
          Endpoint addresses = new Endpoint.Addresses(piece);
          changes.add(
              side.inbound()
                  ? new ConnectionChange(addresses, side.pods(), b, a)
                  : new ConnectionChange(side.pods(), addresses, b, a));
        }
      }
    }
    Collections.sort(changes);
    return changes;
  }

  /** The connections of the row holding the piece (rows of one analysis are disjoint). */
  private static ConnectionSet covering(TreeMap<IpRange, ConnectionSet> rows, IpRange piece) {
    var floor = rows.floorEntry(new IpRange(piece.v6(), piece.first(), IpRange.max(piece.v6())));
    return floor != null && floor.getKey().contains(piece) ? floor.getValue() : ConnectionSet.NONE;
  }

  /** A workload's address rows in one direction. */
  private record Side(Endpoint pods, boolean inbound) {}

  private static final class Rows {
    final Map<Side, TreeMap<IpRange, ConnectionSet>> addresses = new HashMap<>();
  }

  private static Rows split(List<Connection> connections, Map<String, Connection> pods) {
    Rows rows = new Rows();
    for (Connection c : connections) {
      if (c.src() instanceof Endpoint.Addresses a) {
        rows.addresses
            .computeIfAbsent(new Side(c.dst(), true), k -> new TreeMap<>())
            .put(a.range(), c.conn());
      } else if (c.dst() instanceof Endpoint.Addresses a) {
        rows.addresses
            .computeIfAbsent(new Side(c.src(), false), k -> new TreeMap<>())
            .put(a.range(), c.conn());
      } else {
        pods.put(c.src().name() + "\n" + c.dst().name(), c);
      }
    }
    return rows;
  }
}
