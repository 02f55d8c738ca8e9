package io.fleetgate.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Issues and checks bearer tokens: {@code fgt_} and 32 random bytes (base64url), stored as a
 * SHA-256 hash. A token with enough entropy needs no slow hash; the lookup is by hash, so the
 * secret is never compared character by character.
 */
public final class Tokens {

  public static final String PREFIX = "fgt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenStore store;
  private final java.util.Map<String, ApiToken> ephemeral =
      new java.util.concurrent.ConcurrentHashMap<>();

  public Tokens(TokenStore store) {
    this.store = store;
  }

  /**
   * A token that is never stored and dies with this process: how a console that embeds the platform
   * talks to it without leaving a credential behind.
   */
  public Issued ephemeral(String name, Role role) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    ApiToken token = new ApiToken(-1, name, role, java.time.Instant.now());
    ephemeral.put(hash(secret), token);
    return new Issued(token, secret);
  }

  /**
   * A token whose secret the operator made and keeps elsewhere (a Kubernetes Secret mounted as a
   * file): held by this process only, never stored; rotating it is changing the file and
   * restarting.
   *
   * @throws IllegalArgumentException when the secret is not {@code fgt_} and at least 43 base64url
   *     characters (32 random bytes); the message never quotes it
   */
  public ApiToken provisioned(String name, Role role, String secret) {
    requireWellMade(secret);
    ApiToken token = new ApiToken(-1, name, role, java.time.Instant.now());
    ephemeral.put(hash(secret), token);
    return token;
  }

  /**
   * @throws IllegalArgumentException when {@code secret} is not {@code fgt_} and at least 43
   *     base64url characters (32 random bytes), or too uniform to be random; the message never
   *     quotes it
   */
  public static void requireWellMade(String secret) {
    if (secret == null
        || !secret.matches(PREFIX + "[A-Za-z0-9_-]{43,196}")
        // 32 random bytes in base64url show some 30 distinct characters; fewer than 16 is typed
        || secret.substring(PREFIX.length()).chars().distinct().count() < 16) {
      throw new IllegalArgumentException(
          "a provisioned token must be '"
              + PREFIX
              + "' and at least 43 random base64url characters (32 random bytes), e.g. printf"
              + " 'fgt_%s'"
              + " \"$(openssl rand 32 | basenc --base64url | tr -d =)\"");
    }
  }

  /** A new token; the returned secret is the only copy there will ever be. */
  public Issued create(String name, Role role) {
    return create(name, role, java.util.List.of());
  }

  /**
   * @param groups the groups the holder belongs to (lower-case names, as approval gates name them)
   */
  public Issued create(String name, Role role, java.util.List<String> groups) {
    for (String group : groups) {
      if (group == null || !group.matches("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException(
            "a group is 1-63 lower-case letters, digits, '.' or '-', not '" + group + "'");
      }
    }
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new IllegalArgumentException(
          "token name must be 1-63 letters, digits, '.', '_' or '-', not '" + name + "'");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return new Issued(store.save(name, role, hash(secret), groups), secret);
  }

  /** The token a bearer secret belongs to, if any. */
  public Optional<ApiToken> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    String hash = hash(secret);
    ApiToken token = ephemeral.get(hash);
    return token != null ? Optional.of(token) : store.findByHash(hash);
  }

  public TokenStore store() {
    return store;
  }

  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A created token with its secret, to show once. */
  public record Issued(ApiToken token, String secret) {
    @Override
    public String toString() {
      return "Issued[" + token + ", secret=<redacted>]";
    }
  }
}
