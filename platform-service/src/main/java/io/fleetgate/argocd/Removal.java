package io.fleetgate.argocd;

/** What a delete found. */
public enum Removal {
  /** It existed and is gone (or going: Argo CD finishes a cascade in the background). */
  REMOVED,
  /** There was nothing of that name; nothing was done. */
  ALREADY_ABSENT
}
