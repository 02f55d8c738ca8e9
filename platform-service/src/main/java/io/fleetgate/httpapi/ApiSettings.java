package io.fleetgate.httpapi;

import java.nio.file.Path;

/**
 * How the API server listens.
 *
 * @param host the address to bind, e.g. 127.0.0.1
 * @param port the port; 0 picks a free one
 * @param webhookSecret the shared secret of push webhooks; empty refuses every webhook
 * @param tls a PKCS#12 keystore with the server's key and certificate, or null for plain HTTP
 */
public record ApiSettings(String host, int port, byte[] webhookSecret, Tls tls) {

  /** Plain HTTP. */
  public ApiSettings(String host, int port, byte[] webhookSecret) {
    this(host, port, webhookSecret, null);
  }

  /**
   * @param keystore a PKCS#12 file holding the server's private key and certificate chain
   * @param password the keystore's password
   */
  public record Tls(Path keystore, char[] password) {
    @Override
    public String toString() {
      return "Tls[" + keystore + ", password=<redacted>]";
    }
  }

  @Override
  public String toString() {
    return "ApiSettings[" + host + ":" + port + ", tls=" + tls + ", webhookSecret=<redacted>]";
  }
}
