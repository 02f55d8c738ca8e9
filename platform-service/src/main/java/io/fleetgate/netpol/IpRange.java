package io.fleetgate.netpol;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A contiguous range of IPv4 or IPv6 addresses, both ends included.
 *
 * @param v6 whether the addresses are IPv6
 */
public record IpRange(boolean v6, BigInteger first, BigInteger last)
    implements Comparable<IpRange> {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

  public IpRange {
    if (first.compareTo(last) > 0 || first.signum() < 0 || last.compareTo(max(v6)) > 0) {
      throw new IllegalArgumentException("not an address range: " + first + "-" + last);
    }
  }

  /** Every address of the family. */
  public static IpRange all(boolean v6) {
    return new IpRange(v6, BigInteger.ZERO, max(v6));
  }

  static BigInteger max(boolean v6) {
    return BigInteger.ONE.shiftLeft(v6 ? 128 : 32).subtract(BigInteger.ONE);
  }

  /**
   * A CIDR such as {@code 10.0.0.0/8} or {@code fd00::/8}; host bits are ignored as Kubernetes
   * does.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static IpRange parseCidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "'" + cidr + "' is not a CIDR; write an address and a prefix length, e.g. 10.0.0.0/8");
    }
    IpRange address = parseAddress(cidr.substring(0, slash));
    int bits = address.v6 ? 128 : 32;
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + bits);
    }
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    BigInteger first = address.first.andNot(hostMask);
    return new IpRange(address.v6, first, first.or(hostMask));
  }

  /**
   * One address as a range of one. Only literals are accepted; nothing is ever looked up.
   *
   * @throws IllegalArgumentException when it is not an IPv4 or IPv6 literal
   */
  public static IpRange parseAddress(String text) {
    String address = text.strip();
    var v4 = IPV4.matcher(address);
    if (v4.matches()) {
      long value = 0;
      for (int i = 1; i <= 4; i++) {
        int octet = Integer.parseInt(v4.group(i));
        if (octet > 255) {
          throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        value = value << 8 | octet;
      }
      BigInteger n = BigInteger.valueOf(value);
      return new IpRange(false, n, n);
    }
    if (address.contains(":") && IPV6.matcher(address).matches()) {
      BigInteger n = parseV6(address);
      if (n != null) {
        return new IpRange(true, n, n);
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
  }

  /** An IPv6 literal's value, or {@code null} when it is malformed. */
  private static BigInteger parseV6(String address) {
    String text = address;
    java.util.List<Integer> tail = new java.util.ArrayList<>();
    int lastColon = text.lastIndexOf(':');
    if (text.indexOf('.') > lastColon && lastColon >= 0) {
      var v4 = IPV4.matcher(text.substring(lastColon + 1));
      if (!v4.matches()) {
        return null;
      }
      int[] octets = new int[4];
      for (int i = 0; i < 4; i++) {
        octets[i] = Integer.parseInt(v4.group(i + 1));
        if (octets[i] > 255) {
          return null;
        }
      }
      tail.add(octets[0] << 8 | octets[1]);
      tail.add(octets[2] << 8 | octets[3]);
      String prefix = text.substring(0, lastColon + 1);
      text = prefix.endsWith("::") ? prefix : prefix.substring(0, prefix.length() - 1);
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    java.util.List<Integer> head = groups(gap >= 0 ? text.substring(0, gap) : text);
    java.util.List<Integer> rest = gap >= 0 ? groups(text.substring(gap + 2)) : java.util.List.of();
    if (head == null || rest == null) {
      return null;
    }
    java.util.List<Integer> all = new java.util.ArrayList<>(head);
    int given = head.size() + rest.size() + tail.size();
    if (gap >= 0) {
      if (given > 7) {
        return null;
      }
      for (int i = given; i < 8; i++) {
        all.add(0);
      }
    } else if (given != 8) {
      return null;
    }
    all.addAll(rest);
    all.addAll(tail);
    BigInteger n = BigInteger.ZERO;
    for (int group : all) {
      n = n.shiftLeft(16).or(BigInteger.valueOf(group));
    }
    return n;
  }

  private static java.util.List<Integer> groups(String text) {
    java.util.List<Integer> groups = new java.util.ArrayList<>();
    if (text.isEmpty()) {
      return groups;
    }
    for (String group : text.split(":", -1)) {
      if (group.isEmpty() || group.length() > 4 || !group.matches("[0-9a-fA-F]+")) {
        return null;
      }
      groups.add(Integer.parseInt(group, 16));
    }
    return groups;
  }

  public boolean contains(IpRange other) {
    return v6 == other.v6 && first.compareTo(other.first) <= 0 && last.compareTo(other.last) >= 0;
  }

  public boolean contains(BigInteger address, boolean family6) {
    return v6 == family6 && first.compareTo(address) <= 0 && last.compareTo(address) >= 0;
  }

  @Override
  public int compareTo(IpRange o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = first.compareTo(o.first);
    return c != 0 ? c : last.compareTo(o.last);
  }

  /** {@code 10.0.0.0-10.255.255.255}, the way netpol-analyzer names an address range. */
  @Override
  public String toString() {
    return format(first) + "-" + format(last);
  }

  private String format(BigInteger n) {
    if (!v6) {
      long value = n.longValue();
      return (value >> 24 & 255)
          + "."
          + (value >> 16 & 255)
          + "."
          + (value >> 8 & 255)
          + "."
          + (value & 255);
    }
    StringBuilder text = new StringBuilder();
    for (int group = 7; group >= 0; group--) {
      text.append(Integer.toHexString(n.shiftRight(group * 16).intValue() & 0xffff));
      if (group > 0) {
        text.append(':');
      }
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }
}
