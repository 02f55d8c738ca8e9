package io.fleetgate.argocd;

/** Why a call to Argo CD failed: the closed set of outcomes callers decide on. */
public enum ArgoCdFailure {
  /** No connection could be made (refused, no route, TLS handshake failed). */
  UNREACHABLE,
  /** Connected, but no complete answer came within the timeout. */
  TIMED_OUT,
  /** The credentials were refused or lack the permission (HTTP 401, 403). */
  DENIED,
  /** Argo CD refused the request as invalid or conflicting (other 4xx). */
  REJECTED,
  /** Argo CD failed (5xx). */
  SERVER_ERROR,
  /** The answer was larger than Fleetgate reads, or not the JSON the API document describes. */
  MALFORMED_ANSWER,
  /** Fleetgate's own configuration cannot be used (credentials file, server URL). */
  MISCONFIGURED
}
