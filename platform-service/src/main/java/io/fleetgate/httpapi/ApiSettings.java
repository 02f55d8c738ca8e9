package io.fleetgate.httpapi;

/**
 * How the API server listens.
 *
 * @param host the address to bind, e.g. 127.0.0.1
 * @param port the port; 0 picks a free one
 * @param webhookSecret the shared secret of push webhooks; empty refuses every webhook
 */
public record ApiSettings(String host, int port, byte[] webhookSecret) {

  @Override
  public String toString() {
    return "ApiSettings[" + host + ":" + port + ", webhookSecret=<redacted>]";
  }
}
