package io.fleetgate.netpol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The addresses outside the cluster cut at every boundary of every ipBlock and except: each piece
 * lies wholly inside or wholly outside every block, so one row per piece is exact. IPv4 is always
 * present; IPv6 only when a policy names an IPv6 block.
 */
final class AddressSpace {

  private final List<IpRange> pieces;

  private AddressSpace(List<IpRange> pieces) {
    this.pieces = Collections.unmodifiableList(pieces);
  }

  /** The pieces for the given ranges (each block's cidr and excepts). */
  static AddressSpace cutAt(Collection<IpRange> boundaries) {
    List<IpRange> pieces = new ArrayList<>();
    pieces.addAll(cut(false, boundaries));
    if (boundaries.stream().anyMatch(IpRange::v6)) {
      pieces.addAll(cut(true, boundaries));
    }
    return new AddressSpace(pieces);
  }

  private static List<IpRange> cut(boolean v6, Collection<IpRange> boundaries) {
    BigInteger end = IpRange.max(v6).add(BigInteger.ONE);
    TreeSet<BigInteger> starts = new TreeSet<>();
    starts.add(BigInteger.ZERO);
    for (IpRange range : boundaries) {
      if (range.v6() == v6) {
        starts.add(range.first());
        starts.add(range.last().add(BigInteger.ONE));
      }
    }
    starts.remove(end);
    List<IpRange> pieces = new ArrayList<>(starts.size());
    BigInteger previous = null;
    for (BigInteger start : starts) {
      if (previous != null) {
        pieces.add(new IpRange(v6, previous, start.subtract(BigInteger.ONE)));
      }
      previous = start;
    }
    pieces.add(new IpRange(v6, previous, end.subtract(BigInteger.ONE)));
    return pieces;
  }

  List<IpRange> pieces() {
    return pieces;
  }

  /** The index of the piece holding the address, or -1. */
  int pieceOf(IpRange address) {
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i).contains(address)) {
        return i;
      }
    }
    return -1;
  }
}
