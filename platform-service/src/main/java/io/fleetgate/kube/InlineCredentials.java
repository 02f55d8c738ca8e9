package io.fleetgate.kube;

import java.util.Objects;

/**
 * What a kubeconfig's current context holds to reach its API server, every value inline: nothing
 * names a file, runs a plugin or turns TLS verification off (see {@link KubeconfigCredentials}).
 *
 * @param server the API server's {@code https://} URL
 * @param caData the base64 PEM CA bundle the server's certificate is checked against, or "" for the
 *     system's trust
 * @param tlsServerName the name the server's certificate is checked for, or "" for the host of
 *     {@code server}
 * @param certData the base64 PEM client certificate, or ""
 * @param keyData the base64 PEM client key, or ""; a credential
 * @param token the bearer token, or ""; a credential
 */
public record InlineCredentials(
    String server,
    String caData,
    String tlsServerName,
    String certData,
    String keyData,
    String token) {

  public InlineCredentials {
    Objects.requireNonNull(server, "server");
    caData = Objects.requireNonNullElse(caData, "");
    tlsServerName = Objects.requireNonNullElse(tlsServerName, "");
    certData = Objects.requireNonNullElse(certData, "");
    keyData = Objects.requireNonNullElse(keyData, "");
    token = Objects.requireNonNullElse(token, "");
  }

  /** The server and which parts are present; never a value. */
  @Override
  public String toString() {
    return "InlineCredentials["
        + server
        + (caData.isEmpty() ? "" : ", caData")
        + (tlsServerName.isEmpty() ? "" : ", serverName " + tlsServerName)
        + (certData.isEmpty() ? "" : ", certData")
        + (keyData.isEmpty() ? "" : ", keyData redacted")
        + (token.isEmpty() ? "" : ", token redacted")
        + "]";
  }
}
