package io.fleetgate.plan;

/** Whether objects of a kind live in a namespace or in the cluster as a whole. */
public enum KindScope {
  NAMESPACED,
  CLUSTER
}
