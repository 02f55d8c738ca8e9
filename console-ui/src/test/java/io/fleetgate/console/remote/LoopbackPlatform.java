package io.fleetgate.console.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A platform API on a loopback HTTP server for the console's adapter tests: it answers every
 * request with the reply last set, notes what was asked, and hands out a {@link RemotePlatform}
 * pointed at it.
 */
final class LoopbackPlatform implements AutoCloseable {

  /** One request as it arrived. */
  record Asked(String method, String path, String query, String token, int bodyBytes) {}

  /** What the server answers. */
  record Reply(int status, String contentType, byte[] body) {

    static Reply json(String text) {
      return new Reply(200, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final List<Asked> asked = new ArrayList<>();
  private final HttpServer server;
  private volatile Reply reply = Reply.json("{}");

  private LoopbackPlatform(HttpServer server) {
    this.server = server;
  }

  /** Starts the server on a free loopback port. */
  static LoopbackPlatform start() throws IOException {
    LoopbackPlatform platform =
        new LoopbackPlatform(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    platform.server.createContext("/", platform::answer);
    platform.server.start();
    return platform;
  }

  /** The console's client of this server, signed in with {@code token}. */
  RemotePlatform client(String token) {
    return new RemotePlatform(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
        token,
        Clock.systemUTC());
  }

  void reply(Reply next) {
    reply = next;
  }

  /** The requests so far, in order. */
  List<Asked> asked() {
    synchronized (asked) {
      return List.copyOf(asked);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    synchronized (asked) {
      asked.add(
          new Asked(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body.length));
    }
    Reply r = reply;
    exchange.getResponseHeaders().add("Content-Type", r.contentType());
    exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
    try (var out = exchange.getResponseBody()) {
      out.write(r.body());
    }
  }

  /** Stops answering at once; the port is closed. */
  @Override
  public void close() {
    server.stop(0);
  }
}
