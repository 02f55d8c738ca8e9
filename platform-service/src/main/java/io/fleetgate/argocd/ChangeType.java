package io.fleetgate.argocd;

/** What happened to an application, as Argo CD's watch stream says. */
public enum ChangeType {
  ADDED,
  MODIFIED,
  DELETED,
  /** A word this version of Fleetgate does not know; the change is still passed on. */
  UNKNOWN;

  /** The change Argo CD's word names; a missing or unknown word is {@link #UNKNOWN}. */
  public static ChangeType of(String word) {
    for (ChangeType type : values()) {
      if (type != UNKNOWN && type.name().equals(word)) {
        return type;
      }
    }
    return UNKNOWN;
  }
}
