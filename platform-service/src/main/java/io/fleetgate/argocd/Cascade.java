package io.fleetgate.argocd;

/** What happens to the objects an application put into its cluster when the application goes. */
public enum Cascade {
  /** The objects stay in the cluster, no longer managed by Argo CD. */
  KEEP_RESOURCES,
  /** Argo CD deletes the objects from the cluster with the application. */
  DELETE_RESOURCES
}
