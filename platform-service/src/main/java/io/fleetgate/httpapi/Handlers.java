package io.fleetgate.httpapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.api.PlatformApi;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The resource routes: each reads its parameters, asks the platform and answers JSON. */
final class Handlers {

  private final PlatformApi platform;
  private final Tokens tokens;
  private final ObjectMapper json;

  Handlers(PlatformApi platform, Tokens tokens, ObjectMapper json) {
    this.platform = platform;
    this.tokens = tokens;
    this.json = json;
  }

  void clusters(Context ctx) {
    ctx.json(Map.of("clusters", platform.clusters()));
  }

  void cluster(Context ctx) {
    String name = ctx.pathParam("name");
    ctx.json(
        platform
            .cluster(name)
            .orElseThrow(() -> ApiError.notFound("no cluster named '" + name + "'")));
  }

  void argoCd(Context ctx) {
    String name = ctx.pathParam("name");
    ctx.json(
        platform
            .argoCd(name)
            .orElseThrow(() -> ApiError.notFound("no cluster named '" + name + "'")));
  }

  void plan(Context ctx) throws Exception {
    String name = ctx.pathParam("name");
    if (platform.cluster(name).isEmpty()) {
      throw ApiError.notFound("no cluster named '" + name + "'");
    }
    ctx.json(platform.plan(name));
  }

  void reachability(Context ctx) {
    ctx.json(platform.reachability(ctx.pathParam("name"), ctx.queryParam("revision")));
  }

  void explainReachability(Context ctx) {
    ctx.json(
        platform.explainReachability(
            ctx.pathParam("name"),
            ctx.queryParam("revision"),
            ctx.queryParam("src"),
            ctx.queryParam("dst")));
  }

  void reachabilityDiff(Context ctx) {
    ctx.json(
        platform.reachabilityDiff(
            ctx.pathParam("name"),
            ctx.queryParam("from"),
            ctx.queryParam("to"),
            limit(ctx, 1_000, 10_000)));
  }

  /** The status each refused reachability question answers with. */
  static int status(io.fleetgate.api.Reachability.Refusal refusal) {
    return switch (refusal) {
      case UNKNOWN_CLUSTER, UNKNOWN_REVISION, UNKNOWN_ENDPOINT, NOT_SYNCED -> 404;
      case BAD_REVISION -> 400;
      case UNREADABLE -> 422;
      case BUSY -> 503;
    };
  }

  void latestRun(Context ctx) {
    ctx.json(platform.latestRun().orElseThrow(() -> ApiError.notFound("no sync has run yet")));
  }

  void revisions(Context ctx) {
    ctx.json(Map.of("revisions", platform.revisions(limit(ctx, 50, 1_000))));
  }

  void bundles(Context ctx) {
    ctx.json(Map.of("bundles", platform.bundles()));
  }

  void waivers(Context ctx) {
    ctx.json(Map.of("waivers", platform.waivers()));
  }

  void findings(Context ctx) {
    Instant since =
        time(ctx.queryParam("since"), "since", Instant.now().minus(java.time.Duration.ofDays(7)));
    int limit = limit(ctx, 500, 10_000);
    ctx.json(
        Map.of(
            "findings",
            platform.findings(since, ctx.queryParam("cluster"), ctx.queryParam("control"), limit)));
  }

  void slos(Context ctx) {
    ctx.json(platform.slos());
  }

  /** An SLO's trend: {@code from} defaults to 30 days ago, {@code points} to 500 per cluster. */
  void sloHistory(Context ctx) {
    Instant to = time(ctx.queryParam("to"), "to", Instant.now());
    Instant from = time(ctx.queryParam("from"), "from", to.minus(java.time.Duration.ofDays(30)));
    if (from.isAfter(to)) {
      throw ApiError.badRequest("from must not be after to");
    }
    long points = number(ctx.queryParam("points"), "points", 500);
    if (points < 2 || points > 5_000) {
      throw ApiError.badRequest("points must be between 2 and 5000");
    }
    ctx.json(
        platform.sloHistory(
            ctx.pathParam("service"),
            ctx.pathParam("slo"),
            ctx.queryParam("cluster"),
            from,
            to,
            (int) points));
  }

  void audit(Context ctx) {
    long after = number(ctx.queryParam("after"), "after", 0);
    int limit = limit(ctx, 500, 10_000);
    var rows = platform.audit(after, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", rows);
    body.put("next", rows.isEmpty() ? after : rows.getLast().sequence());
    ctx.json(body);
  }

  void verification(Context ctx) {
    ctx.json(platform.verifyAudit());
  }

  void generateReport(Context ctx) throws IOException {
    JsonNode body = body(ctx);
    var request =
        new PlatformApi.ReportRequest(
            body.path("format").asText("html"),
            time(text(body, "from"), "from", null),
            time(text(body, "to"), "to", null),
            text(body, "cluster"),
            text(body, "control"),
            text(body, "patchTargetRollout"),
            text(body, "patchKubernetesVersion"),
            text(body, "patchKernel"),
            text(body, "patchOsImage"));
    PlatformApi.ReportFile report = platform.generateReport(request);
    ctx.status(201).header("Location", "/api/v1/reports/" + report.id()).json(describe(report));
  }

  void downloadReport(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    PlatformApi.ReportFile report =
        platform.report(id).orElseThrow(() -> ApiError.notFound("no report '" + id + "'"));
    ctx.contentType(contentType(report.format()))
        .header(
            "Content-Disposition",
            "attachment; filename=\"fleetgate-audit-report."
                + report.file().getFileName().toString().replaceAll("^[^.]*\\.", "")
                + "\"");
    InputStream in = Files.newInputStream(report.file());
    ctx.result(in);
  }

  void refresh(Context ctx) {
    String who = ApiServer.token(ctx).map(t -> "token " + t.name()).orElse("API");
    platform.refresh("requested through the API by " + who);
    ctx.status(202).json(Map.of("refresh", "requested"));
  }

  void tokens(Context ctx) {
    ctx.json(Map.of("tokens", tokens.store().tokens().stream().map(Handlers::describe).toList()));
  }

  void createToken(Context ctx) throws IOException {
    JsonNode body = body(ctx);
    Tokens.Issued issued =
        tokens.create(text(body, "name"), Role.parse(body.path("role").asText("")), groups(body));
    Map<String, Object> answer = new LinkedHashMap<>(describe(issued.token()));
    answer.put("token", issued.secret());
    // Written without the redacting mapper: this answer is the one place the secret appears.
    ctx.status(201)
        .contentType("application/json")
        .result(new ObjectMapper().writeValueAsString(answer));
  }

  private static Map<String, Object> describe(io.fleetgate.auth.ApiToken token) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", token.name());
    map.put("role", token.role().wire());
    map.put("created", token.created().toString());
    map.put("groups", token.groups());
    return map;
  }

  private static Map<String, Object> describe(PlatformApi.ReportFile report) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", report.id());
    map.put("format", report.format());
    map.put("bytes", report.bytes());
    map.put("findings", report.findings());
    map.put("chainIntact", report.chainIntact());
    map.put("download", "/api/v1/reports/" + report.id());
    return map;
  }

  private JsonNode body(Context ctx) {
    try {
      String text = ctx.body();
      JsonNode node = json.readTree(text.isBlank() ? "{}" : text);
      if (!node.isObject()) {
        throw ApiError.badRequest("the request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiError.badRequest("the request body is not JSON: " + e.getOriginalMessage());
    }
  }

  /** The token request's {@code groups}: a list of names, or none. */
  private static java.util.List<String> groups(JsonNode body) {
    JsonNode groups = body.get("groups");
    if (groups == null || groups.isNull()) {
      return java.util.List.of();
    }
    if (!groups.isArray() || groups.size() > 50) {
      throw ApiError.badRequest("groups must be a list of at most 50 group names");
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (JsonNode group : groups) {
      if (!group.isTextual()) {
        throw ApiError.badRequest("groups must be a list of group names");
      }
      names.add(group.asText());
    }
    return names;
  }

  void rollouts(Context ctx) {
    ctx.json(platform.rollouts());
  }

  /** Operator: start, pause, resume, approve or roll back; as the token's holder, its groups. */
  void rolloutCommand(Context ctx) {
    String name = ctx.pathParam("name");
    io.fleetgate.api.RolloutStatus.Command command =
        switch (ctx.pathParam("command")) {
          case "start" -> io.fleetgate.api.RolloutStatus.Command.START;
          case "pause" -> io.fleetgate.api.RolloutStatus.Command.PAUSE;
          case "resume" -> io.fleetgate.api.RolloutStatus.Command.RESUME;
          case "approve" -> io.fleetgate.api.RolloutStatus.Command.APPROVE;
          case "rollback" -> io.fleetgate.api.RolloutStatus.Command.ROLLBACK;
          default ->
              throw ApiError.notFound(
                  "no rollout command '"
                      + ctx.pathParam("command")
                      + "'; commands: start, pause, resume, approve, rollback");
        };
    var token = ApiServer.token(ctx);
    String user = token.map(t -> t.name()).orElse("anonymous");
    java.util.List<String> groups =
        token.map(io.fleetgate.auth.ApiToken::groups).orElse(java.util.List.of());
    String wave = ctx.queryParam("wave");
    if (wave != null && (wave.isBlank() || wave.length() > 63)) {
      throw ApiError.badRequest("wave is a wave's name, 1-63 characters");
    }
    ctx.json(
        platform.rolloutCommand(
            name, command, java.util.Optional.ofNullable(wave), "token " + user, groups));
  }

  void patchMatrix(Context ctx) {
    String rollout = ctx.queryParam("rollout");
    String kubernetes = ctx.queryParam("kubernetesVersion");
    String kernel = ctx.queryParam("kernelVersion");
    String os = ctx.queryParam("osImage");
    for (String value : new String[] {rollout, kubernetes, kernel, os}) {
      if (value != null && value.length() > 253) {
        throw ApiError.badRequest("a patch matrix parameter is at most 253 characters");
      }
    }
    if (rollout != null
        && !rollout.isBlank()
        && (kubernetes != null || kernel != null || os != null)) {
      throw ApiError.badRequest(
          "give either rollout or kubernetesVersion/kernelVersion/osImage, not both");
    }
    ctx.json(platform.patchMatrix(rollout, kubernetes, kernel, os));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant time(String text, String name, Instant fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return text.length() == 10
          ? java.time.LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          name
              + " must be a date (2026-11-01) or a UTC time (2026-11-01T08:00:00Z), not '"
              + text
              + "'");
    }
  }

  private static long number(String text, String name, long fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be a whole number ≥ 0, not '" + text + "'");
    }
  }

  private static int limit(Context ctx, int fallback, int max) {
    long limit = number(ctx.queryParam("limit"), "limit", fallback);
    if (limit < 1 || limit > max) {
      throw ApiError.badRequest("limit must be between 1 and " + max);
    }
    return (int) limit;
  }

  private static String contentType(String format) {
    return switch (format) {
      case "html" -> "text/html; charset=utf-8";
      case "pdf" -> "application/pdf";
      case "junit" -> "application/xml";
      case "openreports" -> "application/yaml";
      case "sarif" -> "application/sarif+json";
      default -> "application/json";
    };
  }
}
