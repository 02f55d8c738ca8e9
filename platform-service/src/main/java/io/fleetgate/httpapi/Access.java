package io.fleetgate.httpapi;

import io.fleetgate.auth.Role;
import io.javalin.security.RouteRole;

/** Who may call a route. */
enum Access implements RouteRole {
  /** Health, readiness and the OpenAPI document. */
  PUBLIC(null),
  /** Webhooks: authenticated by their signature, not a token. */
  SIGNED(null),
  VIEWER(Role.VIEWER),
  OPERATOR(Role.OPERATOR),
  ADMIN(Role.ADMIN);

  final Role role;

  Access(Role role) {
    this.role = role;
  }
}
