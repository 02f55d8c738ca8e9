package io.fleetgate.argocd;

import java.util.List;

/**
 * One object of an application's resource tree: what it manages and what grew from it (a
 * Deployment's ReplicaSets and Pods).
 *
 * @param ref which object
 * @param health its health, {@link HealthStatus#UNKNOWN} when Argo CD reports none
 * @param parents the objects it belongs to, empty for the ones the application manages directly
 */
public record ResourceNode(ResourceRef ref, HealthStatus health, List<ResourceRef> parents) {

  public ResourceNode {
    parents = List.copyOf(parents);
  }
}
