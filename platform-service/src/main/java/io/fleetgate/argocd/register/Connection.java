package io.fleetgate.argocd.register;

import java.util.Locale;
import java.util.Objects;

/**
 * How Argo CD reaches a cluster: the {@code server} and {@code config} of its cluster Secret.
 *
 * @param server the API server's URL
 * @param config the credentials and TLS settings; printed redacted
 */
public record Connection(String server, ArgoConfig config) {

  public Connection {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(config, "config");
  }

  /**
   * The server as Argo CD tells clusters apart: scheme and host in lower case, without a trailing
   * slash, so {@code https://API.example:6443/} and {@code https://api.example:6443} are one.
   */
  public static String sameServer(String server) {
    String s = server.strip();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    int path = s.indexOf('/', s.indexOf("://") + 3);
    return path < 0
        ? s.toLowerCase(Locale.ROOT)
        : s.substring(0, path).toLowerCase(Locale.ROOT) + s.substring(path);
  }
}
