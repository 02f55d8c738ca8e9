package io.fleetgate.argocd;

/**
 * The version an Argo CD API server reports.
 *
 * @param version its release, such as {@code v3.5.7+abc1234}
 * @param gitCommit the commit it was built from, empty when not reported
 */
public record ArgoVersion(String version, String gitCommit) {

  public ArgoVersion {
    version = ServerText.clean(version);
    gitCommit = ServerText.clean(gitCommit);
  }
}
