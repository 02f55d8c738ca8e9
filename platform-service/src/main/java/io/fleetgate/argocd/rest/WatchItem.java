package io.fleetgate.argocd.rest;

import io.fleetgate.argocd.ApplicationChange;

/** One line of Argo CD's application watch stream, read. */
sealed interface WatchItem {

  /**
   * An application changed.
   *
   * @param change what changed
   */
  record Change(ApplicationChange change) implements WatchItem {}

  /**
   * Argo CD ended the stream with an error (gRPC-gateway's {@code {"error": {...}}} line).
   *
   * @param message what it said, printable and bounded
   * @param grpcCode its gRPC status code, 0 when absent
   */
  record StreamError(String message, int grpcCode) implements WatchItem {}
}
