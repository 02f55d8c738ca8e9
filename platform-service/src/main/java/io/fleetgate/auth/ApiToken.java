package io.fleetgate.auth;

import java.time.Instant;

/** A token as stored: never the secret itself. */
public record ApiToken(long id, String name, Role role, Instant created) {}
