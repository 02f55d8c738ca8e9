package io.fleetgate.netpol;

import java.util.List;

/**
 * A peer's {@code ipBlock}: the addresses of {@code cidr} outside every {@code except} range.
 *
 * @param text the CIDR as written, for messages
 */
public record IpBlock(String text, IpRange cidr, List<IpRange> except) {

  public IpBlock {
    except = List.copyOf(except);
  }

  /** Whether a range that no block boundary cuts lies within the block. */
  public boolean covers(IpRange piece) {
    if (!cidr.contains(piece)) {
      return false;
    }
    for (IpRange hole : except) {
      if (hole.contains(piece)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the block is {@code 0.0.0.0/0} or {@code ::/0} with nothing excepted. */
  public boolean isEverywhere() {
    return except.isEmpty() && cidr.equals(IpRange.all(cidr.v6()));
  }
}
