package io.fleetgate.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Rego files a fleet repository adds to the built-in policies ({@code policies/} at its root),
 * by path relative to the repository.
 *
 * @param sources file contents by repository-relative path, e.g. {@code policies/team.rego}
 */
public record RepoPolicies(Map<String, String> sources) {

  /** The directory of a fleet repository that holds its own policies. */
  public static final String DIRECTORY = "policies";

  public RepoPolicies {
    sources = Collections.unmodifiableMap(new TreeMap<>(sources));
  }

  public static RepoPolicies none() {
    return new RepoPolicies(Map.of());
  }

  public boolean isEmpty() {
    return sources.isEmpty();
  }

  /** A SHA-256 over paths and contents: the same files, the same digest. */
  public String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> source : sources.entrySet()) {
        sha.update(source.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(source.getValue().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The policy files, without their tests. */
  public Map<String, String> policies() {
    Map<String, String> policies = new TreeMap<>();
    sources.forEach(
        (path, text) -> {
          if (!path.endsWith("_test.rego")) {
            policies.put(path, text);
          }
        });
    return policies;
  }
}
