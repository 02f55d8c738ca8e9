package io.fleetgate.argocd.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code config} of an Argo CD cluster Secret, as Fleetgate writes it: a bearer token or a
 * client certificate and key, the CA and the TLS server name, TLS verification always on ({@code
 * tlsClientConfig.insecure: false}). Empty strings stand for absent fields.
 *
 * @param bearerToken {@code bearerToken}; a credential
 * @param caData {@code tlsClientConfig.caData}, base64 PEM
 * @param certData {@code tlsClientConfig.certData}, base64 PEM
 * @param keyData {@code tlsClientConfig.keyData}, base64 PEM; a credential
 * @param serverName {@code tlsClientConfig.serverName}
 */
public record ArgoConfig(
    String bearerToken, String caData, String certData, String keyData, String serverName) {

  public ArgoConfig {
    bearerToken = Objects.requireNonNullElse(bearerToken, "");
    caData = Objects.requireNonNullElse(caData, "");
    certData = Objects.requireNonNullElse(certData, "");
    keyData = Objects.requireNonNullElse(keyData, "");
    serverName = Objects.requireNonNullElse(serverName, "");
  }

  /** The JSON paths of the fields whose values differ from {@code other}'s; never the values. */
  public List<String> changedFrom(ArgoConfig other) {
    List<String> changed = new ArrayList<>();
    if (!bearerToken.equals(other.bearerToken)) {
      changed.add("config.bearerToken");
    }
    if (!caData.equals(other.caData)) {
      changed.add("config.tlsClientConfig.caData");
    }
    if (!certData.equals(other.certData)) {
      changed.add("config.tlsClientConfig.certData");
    }
    if (!keyData.equals(other.keyData)) {
      changed.add("config.tlsClientConfig.keyData");
    }
    if (!serverName.equals(other.serverName)) {
      changed.add("config.tlsClientConfig.serverName");
    }
    return changed;
  }

  /** Which fields are set, never their values. */
  @Override
  public String toString() {
    List<String> set = new ArrayList<>();
    if (!bearerToken.isEmpty()) {
      set.add("bearerToken");
    }
    if (!caData.isEmpty()) {
      set.add("caData");
    }
    if (!certData.isEmpty()) {
      set.add("certData");
    }
    if (!keyData.isEmpty()) {
      set.add("keyData");
    }
    if (!serverName.isEmpty()) {
      set.add("serverName");
    }
    return "ArgoConfig" + set + " (values redacted)";
  }
}
