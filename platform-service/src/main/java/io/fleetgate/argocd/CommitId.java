package io.fleetgate.argocd;

import java.util.regex.Pattern;

/** A full Git commit id (SHA-1 or SHA-256, hexadecimal), the only revision Fleetgate syncs to. */
public final class CommitId {

  private static final Pattern FULL = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private CommitId() {}

  /** The revision itself when it is a full commit id; otherwise an exception saying why not. */
  public static String require(String revision) {
    if (revision == null || !FULL.matcher(revision).matches()) {
      throw new IllegalArgumentException(
          "'"
              + ServerText.clean(revision)
              + "' is not a full commit id: Fleetgate syncs Argo CD only to the commit it"
              + " validated (40 or 64 lower-case hexadecimal digits), never to a branch or tag");
    }
    return revision;
  }
}
