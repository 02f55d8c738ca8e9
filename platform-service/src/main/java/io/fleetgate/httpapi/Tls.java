package io.fleetgate.httpapi;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Replaces the server's plain connector with a TLS one (TLS 1.2 and 1.3 only). */
final class Tls {

  private Tls() {}

  static void serveOnly(Server server, ApiSettings settings) {
    if (!java.nio.file.Files.isReadable(settings.tls().keystore())) {
      throw new IllegalArgumentException(
          "the TLS keystore " + settings.tls().keystore() + " cannot be read");
    }
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(settings.tls().keystore().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(new String(settings.tls().password()));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration();
    https.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.setConnectors(new org.eclipse.jetty.server.Connector[] {connector});
  }

  static int port(Server server, int fallback) {
    if (server != null) {
      for (var connector : server.getConnectors()) {
        if (connector instanceof ServerConnector serverConnector
            && serverConnector.getLocalPort() > 0) {
          return serverConnector.getLocalPort();
        }
      }
    }
    return fallback;
  }
}
