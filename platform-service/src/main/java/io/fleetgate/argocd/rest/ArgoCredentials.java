package io.fleetgate.argocd.rest;

import java.nio.file.Path;

/** How Fleetgate proves itself to Argo CD: a file it reads when it connects. */
public sealed interface ArgoCredentials {

  /** The file that holds the credentials. */
  Path file();

  /**
   * An Argo CD account API token ({@code argocd account generate-token}), alone in the file.
   *
   * @param file the token file
   */
  record ApiTokenFile(Path file) implements ArgoCredentials {}

  /**
   * An Argo CD local account: its username on the file's first line, its password on the second.
   * Fleetgate exchanges them for a session token ({@code POST /api/v1/session}) and keeps only that
   * token.
   *
   * @param file the account file
   */
  record AccountFile(Path file) implements ArgoCredentials {}
}
