package io.fleetgate.httpapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.fleetgate.api.PlatformApi;
import io.fleetgate.auth.ApiToken;
import io.fleetgate.auth.Tokens;
import io.fleetgate.events.EventLog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The platform API server. Every route declares who may call it; a request without a valid token is
 * answered 401, one whose token's role is too low 403. Bodies are limited in size, responses carry
 * a request id, errors are {@code application/problem+json} sentences, and no CORS headers are sent
 * (browsers from other origins are refused by default).
 */
public final class ApiServer implements AutoCloseable {

  /** The limit on request bodies (webhook payloads included). */
  public static final long MAX_REQUEST_BYTES = 1 << 20;

  static final String OPENAPI = "/io/fleetgate/httpapi/openapi.json";
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final Logger access = LoggerFactory.getLogger("fleetgate.http");
  private static final String TOKEN_ATTRIBUTE = "fleetgate.token";

  private final Javalin app;
  private final PrometheusMeterRegistry metrics;

  /**
   * A Prometheus registry added to Micrometer's global registry, where the platform records its
   * meters. Create it before the platform's parts, so that no early recording is missed.
   */
  public static PrometheusMeterRegistry metricsRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(registry);
    return registry;
  }

  /**
   * @param metrics from {@link #metricsRegistry()}; closed with the server
   * @param settings port, host and webhook secret
   * @param ready whether the platform has completed a sync (for {@code /readyz})
   */
  public ApiServer(
      PlatformApi platform,
      Tokens tokens,
      EventLog events,
      ApiSettings settings,
      BooleanSupplier ready,
      PrometheusMeterRegistry metrics) {
    this.metrics = metrics;
    ObjectMapper json = mapper();
    byte[] openApi = openApi();
    Handlers handlers = new Handlers(platform, tokens, json);
    EventStream stream = new EventStream(events, json);
    Webhooks webhooks =
        new Webhooks(platform, settings.webhookSecret(), settings.webhookRate(), json);
    this.app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.http.maxRequestSize = MAX_REQUEST_BYTES;
              config.http.defaultContentType = "application/json";
              config.startup.showJavalinBanner = false;
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              if (settings.tls() != null) {
                config.jetty.modifyServer(server -> Tls.serveOnly(server, settings));
              }
              config.jsonMapper(new JavalinJackson(json, true));
              config.routes.before(ApiServer::begin);
              config.routes.beforeMatched(ctx -> authorize(ctx, tokens));
              config.routes.after(ctx -> end(ctx, metrics));
              config.routes.exception(
                  ApiError.class, (e, ctx) -> problem(ctx, e.status, e.getMessage()));
              config.routes.exception(
                  IllegalArgumentException.class, (e, ctx) -> problem(ctx, 400, e.getMessage()));
              config.routes.exception(
                  io.fleetgate.api.RolloutStatus.RefusedException.class,
                  (e, ctx) -> problem(ctx, e.notFound() ? 404 : 409, e.getMessage()));
              config.routes.exception(
                  io.fleetgate.api.Reachability.RefusedException.class,
                  (e, ctx) -> problem(ctx, Handlers.status(e.refusal()), e.getMessage()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    if (responseGone(ctx)) {
                      log.debug("A request failed after its response was recycled", e);
                      return;
                    }
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    problem(
                        ctx, 500, "the platform failed to answer: " + e.getClass().getSimpleName());
                  });
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    if (ctx.result() == null || ctx.result().isEmpty()) {
                      problem(ctx, 404, "no such resource: " + ctx.path());
                    }
                  });
              config.routes.error(
                  413, "*", ctx -> problem(ctx, 413, "the request body is larger than 1 MiB"));

              config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")), Access.PUBLIC);
              config.routes.get(
                  "/readyz",
                  ctx -> {
                    boolean isReady = ready.getAsBoolean();
                    ctx.status(isReady ? 200 : 503)
                        .json(Map.of("status", isReady ? "ready" : "waiting for the first sync"));
                  },
                  Access.PUBLIC);
              config.routes.get(
                  "/openapi.json",
                  ctx -> ctx.contentType("application/json").result(openApi),
                  Access.PUBLIC);
              config.routes.get(
                  "/metrics",
                  ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()),
                  Access.VIEWER);

              config.routes.get("/api/v1/clusters", handlers::clusters, Access.VIEWER);
              config.routes.get("/api/v1/clusters/{name}", handlers::cluster, Access.VIEWER);
              config.routes.get("/api/v1/clusters/{name}/plan", handlers::plan, Access.VIEWER);
              config.routes.get("/api/v1/clusters/{name}/argocd", handlers::argoCd, Access.VIEWER);
              config.routes.get(
                  "/api/v1/clusters/{name}/reachability", handlers::reachability, Access.VIEWER);
              config.routes.get(
                  "/api/v1/clusters/{name}/reachability/explanation",
                  handlers::explainReachability,
                  Access.VIEWER);
              config.routes.get(
                  "/api/v1/clusters/{name}/reachability/diff",
                  handlers::reachabilityDiff,
                  Access.VIEWER);
              config.routes.get("/api/v1/runs/latest", handlers::latestRun, Access.VIEWER);
              config.routes.get("/api/v1/revisions", handlers::revisions, Access.VIEWER);
              config.routes.get("/api/v1/bundles", handlers::bundles, Access.VIEWER);
              config.routes.get("/api/v1/waivers", handlers::waivers, Access.VIEWER);
              config.routes.get("/api/v1/findings", handlers::findings, Access.VIEWER);
              config.routes.get("/api/v1/slos", handlers::slos, Access.VIEWER);
              config.routes.get(
                  "/api/v1/slos/{service}/{slo}/history", handlers::sloHistory, Access.VIEWER);
              config.routes.get("/api/v1/rollouts", handlers::rollouts, Access.VIEWER);
              config.routes.post(
                  "/api/v1/rollouts/{name}/{command}", handlers::rolloutCommand, Access.OPERATOR);
              config.routes.get("/api/v1/patch-matrix", handlers::patchMatrix, Access.VIEWER);
              config.routes.get("/api/v1/audit", handlers::audit, Access.VIEWER);
              config.routes.get(
                  "/api/v1/audit/verification", handlers::verification, Access.VIEWER);
              config.routes.post("/api/v1/reports", handlers::generateReport, Access.OPERATOR);
              config.routes.get("/api/v1/reports/{id}", handlers::downloadReport, Access.VIEWER);
              config.routes.post("/api/v1/refresh", handlers::refresh, Access.OPERATOR);
              config.routes.get("/api/v1/tokens", handlers::tokens, Access.ADMIN);
              config.routes.post("/api/v1/tokens", handlers::createToken, Access.ADMIN);
              config.routes.post("/api/v1/admin/profile", Profiler::record, Access.ADMIN);
              config.routes.sse("/api/v1/events", stream::serve, Access.VIEWER);
              config.routes.post("/hooks/{forge}", webhooks::receive, Access.SIGNED);
            });
  }

  /** Starts listening; returns the bound port (useful with port 0). */
  public int start() {
    app.start();
    log.info("Platform API listening on port {}", port());
    return port();
  }

  /** The bound port (of the TLS connector when TLS is on). */
  public int port() {
    return Tls.port(app.jettyServer().server(), app.port());
  }

  @Override
  public void close() {
    app.stop();
    Metrics.removeRegistry(metrics);
    metrics.close();
  }

  /** The token a request was authorized with. */
  static Optional<ApiToken> token(Context ctx) {
    return Optional.ofNullable(ctx.attribute(TOKEN_ATTRIBUTE));
  }

  static ObjectMapper mapper() {
    SimpleModule time = new SimpleModule("fleetgate-time");
    time.addSerializer(Instant.class, ToStringSerializer.instance);
    time.addSerializer(
        String.class,
        new com.fasterxml.jackson.databind.ser.std.StdSerializer<String>(String.class) {
          @Override
          public void serialize(
              String value,
              com.fasterxml.jackson.core.JsonGenerator gen,
              com.fasterxml.jackson.databind.SerializerProvider provider)
              throws IOException {
            gen.writeString(Redaction.redact(value));
          }
        });
    return new ObjectMapper()
        .registerModule(time)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  private static byte[] openApi() {
    try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + OPENAPI, e);
    }
  }

  private static void begin(Context ctx) {
    String given = ctx.header("X-Request-Id");
    String id =
        given != null && given.matches("[A-Za-z0-9._-]{1,64}")
            ? given
            : UUID.randomUUID().toString();
    ctx.attribute("fleetgate.requestId", id);
    ctx.attribute("fleetgate.started", System.nanoTime());
    ctx.header("X-Request-Id", id);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-store");
    MDC.put("requestId", id);
  }

  private static void authorize(Context ctx, Tokens tokens) {
    Access access =
        ctx.routeRoles().stream()
            .filter(Access.class::isInstance)
            .map(Access.class::cast)
            .findFirst()
            .orElse(Access.ADMIN);
    if (access.role == null) {
      return;
    }
    String header = ctx.header("Authorization");
    Optional<ApiToken> token =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? tokens.authenticate(header.substring(7).trim())
            : Optional.empty();
    if (token.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"fleetgate\"");
      throw new ApiError(
          401, "a valid bearer token is required (create one with 'fleetgate token create')");
    }
    if (!token.get().role().includes(access.role)) {
      throw new ApiError(
          403,
          "this needs the "
              + access.role.wire()
              + " role; the token '"
              + token.get().name()
              + "' is "
              + token.get().role().wire());
    }
    ctx.attribute(TOKEN_ATTRIBUTE, token.get());
  }

  private static void end(Context ctx, PrometheusMeterRegistry metrics) {
    if (responseGone(ctx)) {
      MDC.remove("requestId");
      return;
    }
    Long started = ctx.attribute("fleetgate.started");
    long nanos = started == null ? 0 : System.nanoTime() - started;
    var matched = ctx.endpoints().matchedHttpEndpoint();
    String route = matched == null ? "unmatched" : matched.path;
    Timer.builder("fleetgate.http.requests")
        .description("Platform API requests by route and status")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(Metrics.globalRegistry)
        .record(java.time.Duration.ofNanos(nanos));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("requestId", ctx.attribute("fleetgate.requestId"));
    line.put("method", ctx.method().name());
    line.put("path", ctx.path());
    line.put("status", ctx.statusCode());
    line.put("ms", nanos / 1_000_000);
    token(ctx).ifPresent(t -> line.put("token", t.name()));
    try {
      access.info(mapper().writeValueAsString(line));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      access.info("{}", line);
    }
    MDC.remove("requestId");
  }

  /**
   * Whether Jetty has already recycled the request and response under a handler that outlived them:
   * an event stream whose client left or whose server is stopping. Nothing can be read from or
   * written to them then, and a handler that throws on them sends Javalin's error handling into a
   * loop that never ends, so the after-handler and the error handler return at once.
   */
  static boolean responseGone(Context ctx) {
    try {
      ctx.res().getStatus();
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  static void problem(Context ctx, int status, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("title", io.javalin.http.HttpStatus.forStatus(status).getMessage());
    body.put("detail", Redaction.redact(detail));
    body.put("requestId", ctx.attribute("fleetgate.requestId"));
    ctx.status(status).contentType("application/problem+json").result(toJson(body));
  }

  private static String toJson(Object body) {
    try {
      return mapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
