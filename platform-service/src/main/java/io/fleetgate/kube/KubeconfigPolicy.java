package io.fleetgate.kube;

/**
 * What a kubeconfig may ask of Fleetgate. Credential plugins run arbitrary programs and disabled
 * TLS verification lets anyone on the path impersonate the cluster, so both are refused unless an
 * operator allows them explicitly.
 *
 * @param allowExecPlugins accept {@code users[].user.exec} and {@code auth-provider}
 * @param allowInsecureTls accept {@code clusters[].cluster.insecure-skip-tls-verify: true}
 */
public record KubeconfigPolicy(boolean allowExecPlugins, boolean allowInsecureTls) {

  /** The default: neither plugins nor disabled TLS verification. */
  public static KubeconfigPolicy strict() {
    return new KubeconfigPolicy(false, false);
  }
}
