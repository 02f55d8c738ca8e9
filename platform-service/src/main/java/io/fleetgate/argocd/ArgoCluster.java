package io.fleetgate.argocd;

import java.util.Map;

/**
 * A cluster registered in Argo CD, without its credentials: those never leave the adapter.
 *
 * @param name the name Argo CD shows
 * @param server the cluster's API server URL, its identity in Argo CD
 * @param labels the labels of its registration
 */
public record ArgoCluster(String name, String server, Map<String, String> labels) {

  public ArgoCluster {
    name = ServerText.clean(name);
    server = ServerText.clean(server);
    labels = Map.copyOf(labels);
  }
}
