package io.fleetgate.argocd;

/** Whether an application's live state matches its target revision, as Argo CD reports it. */
public enum SyncStatus {
  SYNCED("Synced"),
  OUT_OF_SYNC("OutOfSync"),
  UNKNOWN("Unknown");

  private final String word;

  SyncStatus(String word) {
    this.word = word;
  }

  /** Argo CD's word for this status. */
  public String word() {
    return word;
  }

  /** The status Argo CD's word names; a missing or unknown word is {@link #UNKNOWN}. */
  public static SyncStatus of(String word) {
    for (SyncStatus status : values()) {
      if (status.word.equals(word)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
