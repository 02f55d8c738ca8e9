package io.fleetgate.auth;

import java.util.List;
import java.util.Optional;

/** Where tokens are kept, by the SHA-256 of their secret. */
public interface TokenStore {

  /**
   * @throws IllegalArgumentException when a token of that name exists
   */
  ApiToken save(String name, Role role, String secretHash, java.util.List<String> groups);

  Optional<ApiToken> findByHash(String secretHash);

  List<ApiToken> tokens();

  /** Removes a token; false when there was none of that name. */
  boolean revoke(String name);
}
