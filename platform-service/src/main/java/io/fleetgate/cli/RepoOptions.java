package io.fleetgate.cli;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.domain.Deadlines;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads the fleet repository shares (sync, serve, diff). */
final class RepoOptions {

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "URL|PATH",
      description = "The fleet config repository.")
  String repo;

  @Option(
      names = "--branch",
      paramLabel = "NAME",
      description =
          "Branch to sync (default: the remote's default branch, the one its HEAD names, asked at"
              + " every fetch).")
  String branch;

  @Option(
      names = "--management-kubeconfig",
      required = true,
      paramLabel = "FILE",
      description = "Kubeconfig of the management cluster holding the CAPI Clusters.")
  Path managementKubeconfig;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Database and working copies (default: ~/.fleetgate/data).")
  Path dataDir;

  @Option(
      names = "--allowed-signers",
      paramLabel = "FILE",
      description =
          "Accept only branch tips SSH-signed by a key in this allowed-signers file (git's gpg.ssh.allowedSignersFile format).")
  Path allowedSigners;

  @Option(
      names = "--git-token-file",
      paramLabel = "FILE",
      description =
          "A file holding an access token for an HTTPS remote (or set FLEETGATE_GIT_TOKEN).")
  Path gitTokenFile;

  @Option(
      names = "--ssh-key",
      paramLabel = "FILE",
      description = "Private key for an ssh:// remote (unencrypted, OpenSSH or PEM).")
  Path sshKey;

  @Option(
      names = "--ssh-known-hosts",
      paramLabel = "FILE",
      description =
          "Known-hosts file with the Git host's key (ssh-keyscan output); required with --ssh-key.")
  Path sshKnownHosts;

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--reconcile-deadline",
      paramLabel = "DURATION",
      description =
          "How long one cluster's reconcile (and one cluster's plan, for diff and the plan API)"
              + " may take, e.g. 5m, plus 50 ms for each object rendered for the cluster; past it"
              + " the cluster's calls are cut off and it is reported unreachable (default: 5m).")
  String reconcileDeadline;

  @Option(
      names = "--fetch-deadline",
      paramLabel = "DURATION",
      description =
          "How long one fetch of the repository may take as a whole, however slowly the remote"
              + " sends; past it the source is stale (default: 2m).")
  String fetchDeadline;

  @Option(
      names = "--evaluation-deadline",
      paramLabel = "DURATION",
      description =
          "How long one policy evaluation of an object may take; past it the object is denied"
              + " (default: 2s).")
  String evaluationDeadline;

  @Option(
      names = "--change-set-deadline",
      paramLabel = "DURATION",
      description =
          "How long one policy evaluation of a cluster's change set (all its objects together) may"
              + " take; past it every object of the set is denied (default: 1m).")
  String changeSetDeadline;

  @Option(
      names = "--kustomize-deadline",
      paramLabel = "DURATION",
      description =
          "How long one kustomize build may take; past it kustomize is killed and the render"
              + " fails (default: 30s).")
  String kustomizeDeadline;

  /**
   * The deadlines: the defaults, each replaced by its option when given.
   *
   * @throws picocli.CommandLine.ParameterException naming the option whose value is not a duration
   *     or is out of its deadline's bounds
   */
  Deadlines deadlines() {
    Deadlines deadlines = Deadlines.DEFAULTS;
    deadlines =
        given(deadlines, reconcileDeadline, "--reconcile-deadline", Deadlines::withReconcile);
    deadlines = given(deadlines, fetchDeadline, "--fetch-deadline", Deadlines::withFetch);
    deadlines =
        given(deadlines, evaluationDeadline, "--evaluation-deadline", Deadlines::withEvaluation);
    deadlines =
        given(deadlines, changeSetDeadline, "--change-set-deadline", Deadlines::withChangeSet);
    deadlines =
        given(deadlines, kustomizeDeadline, "--kustomize-deadline", Deadlines::withKustomize);
    return deadlines;
  }

  private Deadlines given(
      Deadlines deadlines,
      String value,
      String option,
      java.util.function.BiFunction<Deadlines, java.time.Duration, Deadlines> with) {
    if (value == null) {
      return deadlines;
    }
    try {
      return with.apply(deadlines, DurationArg.parse(value, option, spec));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  SyncSetup.Config config(SyncSetup.Engine engine, URI opaUrl) {
    return config(engine, opaUrl, null, null);
  }

  SyncSetup.Config config(SyncSetup.Engine engine, URI opaUrl, Path opaTokenFile, Path opaCaFile) {
    if ((sshKey == null) != (sshKnownHosts == null)) {
      throw new IllegalArgumentException(
          "--ssh-key and --ssh-known-hosts go together: the host's key must be known in advance");
    }
    return new SyncSetup.Config(
        repo,
        branch(),
        managementKubeconfig,
        DataDir.orDefault(dataDir),
        engine,
        opaUrl,
        allowedSigners,
        token(),
        sshKey,
        sshKnownHosts,
        opaTokenFile,
        opaCaFile,
        deadlines());
  }

  /** The branch given, or null to follow the remote's default branch. */
  private String branch() {
    return branch == null || branch.isBlank() ? null : branch.strip();
  }

  /** The token from --git-token-file, else FLEETGATE_GIT_TOKEN, else none. */
  private String token() {
    if (gitTokenFile != null) {
      try {
        return java.nio.file.Files.readString(gitTokenFile).strip();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            "Cannot read the Git token file " + gitTokenFile + ": " + e.getMessage(), e);
      }
    }
    String token = System.getenv("FLEETGATE_GIT_TOKEN");
    return token == null || token.isBlank() ? null : token.strip();
  }

  /** The repository as shown to people. */
  String describe() {
    return branch() == null ? repo + " (remote default branch)" : repo + "#" + branch();
  }
}
