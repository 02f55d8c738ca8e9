package io.fleetgate.kube;

/**
 * What a kubeconfig may ask of Fleetgate. Kubeconfigs from Cluster API Secrets are untrusted input:
 * whoever can write one Secret in the management cluster writes them. Credential plugins run
 * arbitrary programs; file references ({@code tokenFile}, {@code client-certificate}, {@code
 * client-key}, {@code certificate-authority}) read files off the platform's host and send them to a
 * server of the author's choosing; plain {@code http://} servers, proxies and disabled TLS
 * verification let anyone on the path read or impersonate. All are refused unless an operator
 * allows them explicitly.
 *
 * @param allowExecPlugins accept {@code users[].user.exec} and {@code auth-provider}
 * @param allowInsecureTls accept {@code clusters[].cluster.insecure-skip-tls-verify: true}
 * @param allowLocalFiles accept credentials and CAs named by a path on this host
 * @param allowPlainHttp accept {@code http://} servers and {@code proxy-url}
 */
public record KubeconfigPolicy(
    boolean allowExecPlugins,
    boolean allowInsecureTls,
    boolean allowLocalFiles,
    boolean allowPlainHttp) {

  public KubeconfigPolicy(boolean allowExecPlugins, boolean allowInsecureTls) {
    this(allowExecPlugins, allowInsecureTls, false, false);
  }

  /** For kubeconfigs from Secrets: no plugins, no disabled TLS, no local files, no plain HTTP. */
  public static KubeconfigPolicy strict() {
    return new KubeconfigPolicy(false, false, false, false);
  }

  /**
   * For a kubeconfig file the operator hands Fleetgate (the management cluster's): it may name
   * local files and a proxy, as kubeconfigs on an operator's machine do; plugins and disabled TLS
   * verification are still refused.
   */
  public static KubeconfigPolicy operatorFile() {
    return new KubeconfigPolicy(false, false, true, true);
  }
}
