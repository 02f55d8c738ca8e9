package io.fleetgate.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Waits for sandbox processes to answer their health endpoints. */
final class Readiness {

  private static final Duration POLL = Duration.ofMillis(100);

  private Readiness() {}

  /** True when an HTTP health endpoint answers 200. */
  static boolean httpOk(String url) {
    return get(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), url, null);
  }

  /** True when a kube-apiserver answers 200 on {@code /readyz}, verified against its own CA. */
  static boolean apiServerReady(String server, Path servingCertificate, String token) {
    if (!Files.isRegularFile(servingCertificate)) {
      return false;
    }
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(1))
              .sslContext(trusting(Files.readString(servingCertificate)))
              .build();
      return get(client, server + "/readyz", token);
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Polls until the condition holds.
   *
   * @throws SandboxException naming what did not become ready and where its log is
   */
  static void await(
      String what, Duration timeout, Path log, BooleanSupplier ready, BooleanSupplier alive) {
    Instant deadline = Instant.now().plus(timeout);
    while (!ready.getAsBoolean()) {
      if (!alive.getAsBoolean()) {
        throw new SandboxException(what + " exited during start-up. See " + log + ".");
      }
      if (Instant.now().isAfter(deadline)) {
        throw new SandboxException(
            what + " was not ready within " + timeout.toSeconds() + " s. See " + log + ".");
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SandboxException("Interrupted while waiting for " + what, e);
      }
    }
  }

  /** An SSL context that trusts exactly the certificates in the PEM text. */
  static SSLContext trusting(String pem) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate cert :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      store.setCertificateEntry("ca-" + i++, cert);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static boolean get(HttpClient client, String url, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
