package io.fleetgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves the repositories under a directory over HTTP with Git's own {@code git http-backend} (as
 * CGI), requiring HTTP basic auth with a token as password, the way Git hosts take tokens.
 */
public final class GitHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final Path root;
  private final String token;

  /** When set, every answer's body is sent one byte at a time, this long apart. */
  private volatile java.time.Duration trickle;

  private GitHttpServer(Path root, String token) throws IOException {
    this.root = root;
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /**
   * Creates an empty bare repository {@code name} under {@code root}, its HEAD naming {@code
   * branch}, for a client to push to and others to read from.
   */
  public static Path bareRepository(Path root, String name, String branch) {
    Path dir = root.resolve(name);
    try (var git =
        org.eclipse.jgit.api.Git.init()
            .setBare(true)
            .setDirectory(dir.toFile())
            .setInitialBranch(branch)
            .call()) {
      return dir;
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IllegalStateException("Cannot create the bare repository " + dir, e);
    }
  }

  /** Starts serving {@code root}; every request must carry {@code token}. */
  public static GitHttpServer serve(Path root, String token) throws IOException {
    return new GitHttpServer(root, token);
  }

  /**
   * From now on, sends every answer's body a byte at a time, {@code perByte} apart: a remote that
   * never falls silent long enough for a per-read timeout, but never finishes either.
   */
  public void trickle(java.time.Duration perByte) {
    this.trickle = perByte;
  }

  /** The URL of a repository directory under the root. */
  public String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fleet\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
      Map<String, String> env = cgi.environment();
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("PATH_INFO", exchange.getRequestURI().getPath());
      env.put(
          "QUERY_STRING",
          exchange.getRequestURI().getRawQuery() == null
              ? ""
              : exchange.getRequestURI().getRawQuery());
      env.put("REMOTE_USER", "fleetgate");
      env.put("REMOTE_ADDR", "127.0.0.1");
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        env.put("CONTENT_TYPE", type);
      }
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null) {
        env.put("HTTP_CONTENT_ENCODING", encoding);
      }
      String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) {
        env.put("GIT_PROTOCOL", protocol);
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      env.put("CONTENT_LENGTH", Integer.toString(body.length));
      Process process = cgi.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(body);
      }
      byte[] output = process.getInputStream().readAllBytes();
      respond(exchange, output, trickle);
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String credentials =
        new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    return credentials.endsWith(":" + token);
  }

  /** Splits the CGI output into its headers and body and sends them on. */
  private static void respond(HttpExchange exchange, byte[] output, java.time.Duration trickle)
      throws IOException {
    int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    int skip = 4;
    if (split < 0) {
      split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
      skip = 2;
    }
    int status = 200;
    for (String line :
        new String(output, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(output, split + skip, output.length - split - skip);
    if (trickle != null && body.size() > 0) {
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (byte b : body.toByteArray()) {
          out.write(b);
          out.flush();
          try {
            Thread.sleep(trickle);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      return;
    }
    exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
    if (body.size() > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    }
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
