package io.fleetgate.argocd.rest;

import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where an Argo CD API server is and how long and how much Fleetgate waits for it.
 *
 * @param server the server's base URL: https, or http only to a loopback address
 * @param connectTimeout how long a connection may take
 * @param callTimeout how long one call may take, from sending to the last byte of the answer
 * @param maxAnswerBytes the most of one answer that is read
 */
public record ArgoCdEndpoint(
    URI server, Duration connectTimeout, Duration callTimeout, long maxAnswerBytes) {

  /** Argo CD's application lists for thousands of applications stay well below this. */
  public static final long DEFAULT_MAX_ANSWER_BYTES = 64L * 1024 * 1024;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public ArgoCdEndpoint {
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase();
    if (!scheme.equals("https") && !scheme.equals("http") || server.getHost() == null) {
      throw misconfigured(server, "is not an http(s) URL such as https://argocd.example.com");
    }
    if (server.getUserInfo() != null || server.getQuery() != null || server.getFragment() != null) {
      throw misconfigured(
          server, "must not hold credentials, a query or a fragment: give a token file instead");
    }
    if (scheme.equals("http") && !loopback(server.getHost())) {
      throw misconfigured(
          server,
          "is plain http to another machine, which would send the Argo CD token unencrypted: use"
              + " https://, or http:// only to a loopback address (127.0.0.1, ::1, localhost)");
    }
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || callTimeout.isNegative()
        || callTimeout.isZero()
        || maxAnswerBytes <= 0) {
      throw misconfigured(server, "needs positive timeouts and a positive answer size");
    }
  }

  /** The server with the defaults: 10 s to connect, 60 s per call, 64 MiB per answer. */
  public static ArgoCdEndpoint of(URI server) {
    return new ArgoCdEndpoint(
        server, Duration.ofSeconds(10), Duration.ofSeconds(60), DEFAULT_MAX_ANSWER_BYTES);
  }

  /** The same server with another per-call timeout. */
  public ArgoCdEndpoint withCallTimeout(Duration timeout) {
    return new ArgoCdEndpoint(server, connectTimeout, timeout, maxAnswerBytes);
  }

  /** The same server with another answer size limit. */
  public ArgoCdEndpoint withMaxAnswerBytes(long bytes) {
    return new ArgoCdEndpoint(server, connectTimeout, callTimeout, bytes);
  }

  /** The base URL the generated client prefixes its paths with (no trailing slash). */
  String baseUri() {
    return server.toString().replaceAll("/+$", "");
  }

  /**
   * Whether the host is loopback without asking DNS: a literal loopback address or {@code
   * localhost}. A name that merely resolves to 127.0.0.1 today is not trusted with plain http.
   */
  static boolean loopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (IPV4.matcher(h).matches()) {
      return h.startsWith("127.");
    }
    return h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  private static ArgoCdException misconfigured(URI server, String problem) {
    return new ArgoCdException(
        ArgoCdFailure.MISCONFIGURED,
        "connect",
        "The Argo CD server " + safe(server) + " " + problem);
  }

  /** The URL without whatever credentials someone put into it. */
  static String safe(URI server) {
    if (server.getHost() == null) {
      return "(not a URL)";
    }
    return (server.getScheme()
        + "://"
        + server.getHost()
        + (server.getPort() < 0 ? "" : ":" + server.getPort())
        + (server.getRawPath() == null ? "" : server.getRawPath()));
  }
}
