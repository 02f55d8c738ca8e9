package io.fleetgate.auth;

import java.time.Instant;
import java.util.List;

/**
 * A token as stored: never the secret itself.
 *
 * @param groups the groups its holder belongs to, for approvals (a rollout wave approved by a
 *     member of a group)
 */
public record ApiToken(long id, String name, Role role, Instant created, List<String> groups) {

  public ApiToken {
    groups = List.copyOf(groups);
  }

  /** A token whose holder belongs to no group. */
  public ApiToken(long id, String name, Role role, Instant created) {
    this(id, name, role, created, List.of());
  }
}
