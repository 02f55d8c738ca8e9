package io.fleetgate.httpapi;

import java.nio.file.Path;

/**
 * How the API server listens.
 *
 * @param host the address to bind, e.g. 127.0.0.1
 * @param port the port; 0 picks a free one
 * @param webhookSecret the shared secret of push webhooks; empty refuses every webhook
 * @param tls a PKCS#12 keystore with the server's key and certificate, or null for plain HTTP
 * @param webhookRate how many webhook deliveries each sender may make
 */
public record ApiSettings(
    String host, int port, byte[] webhookSecret, Tls tls, WebhookRate webhookRate) {

  public ApiSettings {
    java.util.Objects.requireNonNull(webhookRate, "webhookRate");
  }

  /** Plain HTTP, the default webhook rate. */
  public ApiSettings(String host, int port, byte[] webhookSecret) {
    this(host, port, webhookSecret, null, WebhookRate.DEFAULT);
  }

  /** The default webhook rate. */
  public ApiSettings(String host, int port, byte[] webhookSecret, Tls tls) {
    this(host, port, webhookSecret, tls, WebhookRate.DEFAULT);
  }

  /**
   * A token bucket per sender address, checked before a delivery's body is read or its signature
   * computed, so that a flood is turned away for the price of a map lookup.
   *
   * @param perSecond deliveries a sender regains each second
   * @param burst deliveries a sender may make at once
   */
  public record WebhookRate(double perSecond, int burst) {

    /** A forge sends a push or two at a time: 5 a second, 20 at once. */
    public static final WebhookRate DEFAULT = new WebhookRate(5, 20);

    public WebhookRate {
      if (!(perSecond > 0) || burst < 1) {
        throw new IllegalArgumentException(
            "a webhook rate needs a positive rate and a burst of at least 1, not "
                + perSecond
                + "/s, burst "
                + burst);
      }
    }
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
    return "ApiSettings["
        + host
        + ":"
        + port
        + ", tls="
        + tls
        + ", "
        + webhookRate
        + ", webhookSecret=<redacted>]";
  }
}
