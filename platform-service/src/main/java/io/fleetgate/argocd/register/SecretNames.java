package io.fleetgate.argocd.register;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of the Secret registering a cluster: {@code fleetgate-<namespace>.<name>}, a DNS-1123
 * subdomain of at most {@value #MAX} characters.
 *
 * <p>A namespace holds no dot, so the first dot after the prefix ends it and two clusters never get
 * the same full name ({@code a-b/c} is {@code fleetgate-a-b.c}, {@code a/b-c} is {@code
 * fleetgate-a.b-c}). A full name longer than {@value #KEPT} characters is shortened to exactly
 * {@value #MAX}: its start, a dash and 16 hex digits of the SHA-256 of {@code namespace/name}. Full
 * names are never that long, so a shortened name never equals a full one.
 */
public final class SecretNames {

  /** Secret names Fleetgate writes are at most this long: readable in kubectl and Argo CD. */
  public static final int MAX = 63;

  /** Full names up to this length are kept as they are. */
  static final int KEPT = MAX - 1;

  static final String PREFIX = "fleetgate-";

  private static final int HASH_HEX = 16;

  private SecretNames() {}

  public static String of(ClusterId cluster) {
    String full = PREFIX + cluster.namespace() + "." + cluster.name();
    if (full.length() <= KEPT) {
      return full;
    }
    String start = full.substring(0, MAX - HASH_HEX - 1);
    // A DNS-1123 subdomain's parts end in a letter or digit; trimmed characters become hash digits.
    while (start.endsWith(".") || start.endsWith("-")) {
      start = start.substring(0, start.length() - 1);
    }
    return start + "-" + sha256(cluster.toString()).substring(0, MAX - start.length() - 1);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
