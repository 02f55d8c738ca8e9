package io.fleetgate.app;

import io.fleetgate.apply.ClusterWriters;
import io.fleetgate.argocd.drive.ArgoCdWriters;
import io.fleetgate.argocd.drive.Deliveries;
import io.fleetgate.argocd.rest.ArgoCdEndpoint;
import io.fleetgate.argocd.rest.ArgoCredentials;
import io.fleetgate.argocd.rest.RestArgoCd;
import io.fleetgate.source.jgit.GitSource;
import io.fleetgate.source.jgit.RenderedBranch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code argocd} sync driver's settings: the Argo CD server and its credentials, and the
 * repository and branch the rendered trees are published on (ADR 35).
 *
 * @param server Argo CD's address (https, or http to loopback)
 * @param credentials an API token file or an account file
 * @param renderedRepo the repository Argo CD reads rendered trees from, as Fleetgate pushes to it
 * @param renderedBranch the branch only Fleetgate writes
 * @param renderedToken a token for an HTTPS rendered repository, or null
 * @param syncTimeout how long one Application's sync may take
 */
public record ArgoCdDriver(
    URI server,
    ArgoCredentials credentials,
    String renderedRepo,
    String renderedBranch,
    String renderedToken,
    Duration syncTimeout) {

  public ArgoCdDriver {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(renderedRepo, "renderedRepo");
    renderedBranch =
        renderedBranch == null || renderedBranch.isBlank()
            ? RenderedBranch.DEFAULT_BRANCH
            : renderedBranch;
    syncTimeout = syncTimeout == null ? Duration.ofMinutes(10) : syncTimeout;
    if (renderedRepo.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@]*@.*")) {
      throw new IllegalArgumentException(
          "The rendered repository URL carries credentials; Argo CD's Applications would show"
              + " them. Give the token in a file (--rendered-token-file) instead.");
    }
  }

  /** Logs in to Argo CD. */
  RestArgoCd connect() {
    return RestArgoCd.connect(ArgoCdEndpoint.of(server), credentials);
  }

  /** The writers: Kubernetes for reads and prunes, Argo CD for applies. */
  ClusterWriters writers(
      ClusterWriters kube, RestArgoCd argo, Path dataDir, Clock clock, Deliveries deliveries) {
    String remote = GitSource.remoteOf(renderedRepo);
    return new ArgoCdWriters(
        kube,
        argo,
        new RenderedBranch(remote, renderedBranch, dataDir, renderedToken, null, clock),
        remote,
        syncTimeout,
        deliveries);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "ArgoCdDriver[" + server + ", " + renderedRepo + "#" + renderedBranch + "]";
  }
}
