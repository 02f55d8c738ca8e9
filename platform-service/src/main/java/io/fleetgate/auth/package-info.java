/**
 * Who may call the platform API: bearer tokens, kept only as SHA-256 hashes, each with a role —
 * viewer (read), operator (read, refresh, generate reports) or admin (everything, tokens and
 * profiling). {@link io.fleetgate.auth.TokenStore} is the port; SQLite implements it.
 */
package io.fleetgate.auth;
