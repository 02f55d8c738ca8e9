package io.fleetgate.domain;

import java.util.Objects;

/** A cluster together with the kubeconfig that reaches its API server. */
public record ClusterAccess(ClusterTarget target, Kubeconfig kubeconfig) {

  public ClusterAccess {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
  }
}
