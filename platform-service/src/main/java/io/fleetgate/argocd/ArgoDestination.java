package io.fleetgate.argocd;

/**
 * Where a project lets its applications deliver: a cluster's API server URL and a namespace, each a
 * glob as Argo CD reads them ({@code *} for any).
 *
 * @param server the cluster's API server URL, or a glob of them
 * @param namespace the namespace, or a glob of them
 */
public record ArgoDestination(String server, String namespace) {

  public ArgoDestination {
    if (server == null || server.isBlank() || namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("A project destination needs a server and a namespace");
    }
  }
}
