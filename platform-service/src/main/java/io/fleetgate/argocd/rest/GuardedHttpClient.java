package io.fleetgate.argocd.rest;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK client the generated Argo CD client sends through, with the limits the generated code
 * does not have: every request carries the call's timeout (so a server that never answers fails in
 * time), and every body is cut off at {@code maxBytes} and at the call's deadline (so a hostile
 * server can neither exhaust memory nor hold a call forever). Redirects are never followed, so the
 * token is never sent anywhere but the configured server.
 */
final class GuardedHttpClient extends HttpClient {

  private final HttpClient inner;
  private final Duration callTimeout;
  private final long maxBytes;

  GuardedHttpClient(HttpClient inner, Duration callTimeout, long maxBytes) {
    this.inner = inner;
    this.callTimeout = callTimeout;
    this.maxBytes = maxBytes;
  }

  /** A client connecting within {@code connectTimeout}, never following a redirect. */
  static GuardedHttpClient create(Duration connectTimeout, Duration callTimeout, long maxBytes) {
    return new GuardedHttpClient(
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(Redirect.NEVER)
            .build(),
        callTimeout,
        maxBytes);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(callTimeout);
    return inner.send(timed(request), new BoundedBodyHandler<>(handler, maxBytes, deadline));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    Instant deadline = Instant.now().plus(callTimeout);
    return inner.sendAsync(timed(request), new BoundedBodyHandler<>(handler, maxBytes, deadline));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return sendAsync(request, handler);
  }

  /** The request with the call's timeout, unless it already waits less. */
  private HttpRequest timed(HttpRequest request) {
    if (request.timeout().filter(t -> t.compareTo(callTimeout) <= 0).isPresent()) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true).timeout(callTimeout).build();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return inner.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return inner.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return inner.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return inner.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return inner.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return inner.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return inner.authenticator();
  }

  @Override
  public Version version() {
    return inner.version();
  }

  @Override
  public Optional<Executor> executor() {
    return inner.executor();
  }

  @Override
  public void close() {
    inner.close();
  }
}
