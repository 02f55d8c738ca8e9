package io.fleetgate.argocd;

/** Whether a sync deletes the live objects the target revision no longer declares. */
public enum Prune {
  /** Objects no longer declared are left in the cluster (and reported out of sync). */
  KEEP,
  /** Objects no longer declared are deleted. */
  DELETE
}
