package io.fleetgate.cli;

import io.fleetgate.app.ArgoCdDriver;
import io.fleetgate.argocd.rest.ArgoCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that choose the {@code argocd} sync driver (docs/argocd.md). */
final class ArgoCdDriverOptions {

  @Option(
      names = "--driver",
      paramLabel = "DRIVER",
      defaultValue = "fleetgate",
      description =
          "Who writes to the clusters: fleetgate (its own server-side apply, the default) or argocd"
              + " (Argo CD syncs the validated objects from the rendered branch).")
  String driver;

  @Option(names = "--argocd-url", paramLabel = "URL", description = "Argo CD's address.")
  URI argocdUrl;

  @Option(
      names = "--argocd-token-file",
      paramLabel = "FILE",
      description = "A file holding an Argo CD account API token.")
  Path argocdTokenFile;

  @Option(
      names = "--argocd-account-file",
      paramLabel = "FILE",
      description = "A file holding an Argo CD username (line 1) and password (line 2).")
  Path argocdAccountFile;

  @Option(
      names = "--rendered-repo",
      paramLabel = "URL",
      description = "The repository Fleetgate publishes rendered trees to and Argo CD reads.")
  String renderedRepo;

  @Option(
      names = "--rendered-branch",
      paramLabel = "BRANCH",
      description = "The branch only Fleetgate writes (default: fleetgate/rendered).")
  String renderedBranch;

  @Option(
      names = "--rendered-token-file",
      paramLabel = "FILE",
      description = "A file holding an access token for an HTTPS rendered repository.")
  Path renderedTokenFile;

  /** The driver the options choose: null for Fleetgate's own writer. */
  ArgoCdDriver driver(CommandLine command) {
    if (driver.equals("fleetgate")) {
      return null;
    }
    if (!driver.equals("argocd")) {
      throw new CommandLine.ParameterException(
          command, "--driver must be fleetgate or argocd, not " + driver);
    }
    if (argocdUrl == null || renderedRepo == null) {
      throw new CommandLine.ParameterException(
          command, "--driver argocd needs --argocd-url and --rendered-repo");
    }
    if ((argocdTokenFile == null) == (argocdAccountFile == null)) {
      throw new CommandLine.ParameterException(
          command, "--driver argocd needs one of --argocd-token-file and --argocd-account-file");
    }
    ArgoCredentials credentials =
        argocdTokenFile != null
            ? new ArgoCredentials.ApiTokenFile(argocdTokenFile)
            : new ArgoCredentials.AccountFile(argocdAccountFile);
    return new ArgoCdDriver(
        argocdUrl, credentials, renderedRepo, renderedBranch, token(command), null);
  }

  private String token(CommandLine command) {
    if (renderedTokenFile == null) {
      return null;
    }
    try {
      return Files.readString(renderedTokenFile).strip();
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          command, "Cannot read the rendered repository's token file " + renderedTokenFile);
    }
  }
}
