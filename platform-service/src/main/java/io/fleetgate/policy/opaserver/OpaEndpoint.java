package io.fleetgate.policy.opaserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where an OPA server answers and how Fleetgate proves who it is: a base URL, a bearer token
 * ({@code --authentication=token} on the server), and for {@code https} the CA to trust when it is
 * not one of the JDK's. A token never travels in clear text to another host.
 *
 * @param trust the TLS context for {@code https}; the JDK's default trust when empty
 */
public record OpaEndpoint(URI url, Optional<String> token, Optional<SSLContext> trust) {

  private static final long TOKEN_LIMIT = 4096;

  public OpaEndpoint {
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "the OPA URL must be http:// or https://, not " + url.getScheme() + "://");
    }
    if (url.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "the OPA URL carries credentials; pass the token with --opa-token-file instead");
    }
    if (token.isPresent() && "http".equals(scheme) && !loopback(url.getHost())) {
      throw new IllegalArgumentException(
          "refusing to send the OPA token in clear text to "
              + url.getHost()
              + ": use an https:// OPA URL (OPA's --tls-cert-file) or a loopback address");
    }
    if (trust.isPresent() && !"https".equals(scheme)) {
      throw new IllegalArgumentException("--opa-ca-file applies to an https:// OPA URL only");
    }
  }

  /** An OPA server without authentication (an external one as before, or a test's). */
  public static OpaEndpoint open(URI url) {
    return new OpaEndpoint(url, Optional.empty(), Optional.empty());
  }

  /**
   * An external OPA server, with the token and CA files given (either may be null).
   *
   * @throws IllegalArgumentException naming the file when one cannot be read or used
   */
  public static OpaEndpoint external(URI url, Path tokenFile, Path caFile) {
    return new OpaEndpoint(
        url,
        Optional.ofNullable(tokenFile).map(OpaEndpoint::readToken),
        Optional.ofNullable(caFile).map(OpaEndpoint::trusting));
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "OpaEndpoint[" + url + (token.isPresent() ? ", token ****" : "") + "]";
  }

  private static String readToken(Path file) {
    try {
      if (Files.size(file) > TOKEN_LIMIT) {
        throw new IllegalArgumentException(
            "the OPA token file "
                + file
                + " is larger than "
                + TOKEN_LIMIT
                + " bytes; it should hold one token");
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalArgumentException(
            "the OPA token file " + file + " must hold one token on one line (printable ASCII)");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the OPA token file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A TLS context trusting the PEM certificates in the file. */
  static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new IllegalArgumentException(
            "the OPA CA file " + caFile + " holds no PEM certificate");
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot use the OPA CA file "
              + caFile
              + " (PEM certificates expected): "
              + e.getMessage(),
          e);
    }
  }

  private static boolean loopback(String host) {
    if (host == null) {
      return false;
    }
    try {
      return "localhost".equals(host) || InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
