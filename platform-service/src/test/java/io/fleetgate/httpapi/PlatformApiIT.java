package io.fleetgate.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform API as {@code fleetgate serve} runs it against the sandbox fleet: every operation of
 * the OpenAPI document is called without a token (401), with a token one role too low (403) and
 * with the role it declares (2xx), and each answer is validated against the document's schema.
 */
@SandboxFleetTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformApiIT {

  private static final byte[] WEBHOOK_SECRET =
      "webhook-test-secret".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Enough for the signed pushes, the 1,000 signed malformed payloads and the 1,000 unsigned ones
   * to reach the signature check and the parser, and no more: a last burst must meet 429.
   */
  private static final ApiSettings.WebhookRate WEBHOOK_RATE =
      new ApiSettings.WebhookRate(0.5, 2_050);

  @TempDir static Path work;
  private static FleetRepo repo;
  private static PlatformServer server;
  private static Thread loop;
  private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static synchronized void serve(SandboxFleetHandle sandbox) throws Exception {
    if (server != null) {
      return;
    }
    repo = FleetRepo.seed(work.resolve("fleet"));
    Path data = work.resolve("data");
    try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
      Tokens tokens = new Tokens(store.tokens());
      for (Role role : Role.values()) {
        TOKENS.put(role, tokens.create("test-" + role.wire(), role).secret());
      }
    }
    server =
        PlatformServer.start(
            new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                sandbox.managementKubeconfig(),
                data,
                SyncSetup.Engine.WASM,
                null),
            new ApiSettings("127.0.0.1", 0, WEBHOOK_SECRET, null, WEBHOOK_RATE),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Clock.systemUTC(),
            report -> {});
    loop = Thread.ofPlatform().name("test-sync-loop").start(server::run);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (get("/readyz", null).statusCode() != 200) {
      assertThat(System.nanoTime()).as("ready within 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.stop();
      loop.join(30_000);
      server.close();
    }
  }

  @Test
  @Order(1)
  void everyOperationAnswers401And403AndItsSchemaForItsRole(SandboxFleetHandle sandbox)
      throws Exception {
    serve(sandbox);
    JsonNode document = JSON.readTree(get("/openapi.json", null).body());
    List<String> checked = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
        String role = op.getValue().path("x-fleetgate-role").asText();
        Call call = call(method, path.getKey());
        String what = method + " " + path.getKey();
        switch (role) {
          case "public" -> {}
          case "signed" -> {
            assertThat(send(call, null, Map.of()).statusCode())
                .as(what + " unsigned")
                .isEqualTo(401);
          }
          default -> {
            Role needed = Role.parse(role);
            assertThat(send(call, null, Map.of()).statusCode())
                .as(what + " without a token")
                .isEqualTo(401);
            assertThat(send(call, "fgt_not-a-real-token-at-all-0000", Map.of()).statusCode())
                .as(what + " with an unknown token")
                .isEqualTo(401);
            if (needed != Role.VIEWER) {
              Role below = Role.values()[needed.ordinal() - 1];
              HttpResponse<String> refused = send(call, TOKENS.get(below), Map.of());
              assertThat(refused.statusCode()).as(what + " as " + below.wire()).isEqualTo(403);
              assertThat(refused.body()).contains("needs the " + role + " role");
            }
          }
        }
        HttpResponse<String> answer =
            send(
                call,
                role.equals("public") || role.equals("signed")
                    ? null
                    : TOKENS.get(Role.parse(role)),
                call.headers);
        String status = Integer.toString(answer.statusCode());
        assertThat(answer.statusCode())
            .as(what + " as " + role + ": " + answer.body())
            .isBetween(200, 299);
        JsonNode response = op.getValue().path("responses").path(status);
        assertThat(response.isMissingNode()).as(what + " documents " + status).isFalse();
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()
            && answer
                .headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith("application/json")) {
          var errors = validator(document, schema).validate(JSON.readTree(answer.body()));
          assertThat(errors).as(what + " answers its schema: " + answer.body()).isEmpty();
        }
        checked.add(what);
      }
    }
    assertThat(checked).hasSize(31);
    JsonNode bundles = JSON.readTree(get("/api/v1/bundles", TOKENS.get(Role.VIEWER)).body());
    assertThat(bundles.at("/bundles/1/name").asText()).isEqualTo("payments");
    assertThat(bundles.at("/bundles/1/selector").asText())
        .isEqualTo("tier=payments, env in (prod, staging)");
    assertThat(bundles.at("/bundles/1/clusters").toString())
        .contains("beijing-prod", "guangzhou-prod")
        .doesNotContain("aws");
    JsonNode plan =
        JSON.readTree(get("/api/v1/clusters/beijing-prod/plan", TOKENS.get(Role.VIEWER)).body());
    assertThat(plan.get("unreachable").asText()).isEmpty();
    assertThat(plan.get("objects").toString())
        .contains("\"object\":\"Deployment payments/payment-gateway\"")
        .contains("\"change\":\"unchanged\"");
    JsonNode detail =
        JSON.readTree(get("/api/v1/clusters/beijing-prod", TOKENS.get(Role.VIEWER)).body());
    assertThat(detail.get("health").toString()).contains("Deployment payments/payment-gateway");
    JsonNode revisions = JSON.readTree(get("/api/v1/revisions", TOKENS.get(Role.VIEWER)).body());
    assertThat(revisions.at("/revisions/0/author").asText())
        .isEqualTo("Ana Operator <ana@example.com>");
  }

  @Test
  @Order(2)
  void metricsCoverReconcileApplyPolicyFetchAndTheQueue(SandboxFleetHandle sandbox)
      throws Exception {
    serve(sandbox);
    String metrics = get("/metrics", TOKENS.get(Role.VIEWER)).body();

    assertThat(metrics)
        .contains("fleetgate_reconcile_seconds_count{cluster=\"beijing-prod\",outcome=\"synced\"}")
        .contains("fleetgate_apply_seconds_count{cluster=\"beijing-prod\"}")
        .contains("fleetgate_policy_evaluation_seconds_count")
        .contains("fleetgate_git_fetch_seconds_count")
        .contains("fleetgate_sync_queue")
        .contains(
            "fleetgate_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/clusters/{name}\"");
  }

  @Test
  @Order(3)
  void errorsAreProblemsWithTheirSchemaAndBodiesAreLimited(SandboxFleetHandle sandbox)
      throws Exception {
    serve(sandbox);
    JsonNode document = JSON.readTree(get("/openapi.json", null).body());
    HttpResponse<String> missing = get("/api/v1/clusters/no-such-cluster", TOKENS.get(Role.VIEWER));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(
            validator(document, JSON.readTree("{\"$ref\":\"#/components/schemas/Problem\"}"))
                .validate(JSON.readTree(missing.body())))
        .isEmpty();
    assertThat(
            validator(document, JSON.readTree("{\"$ref\":\"#/components/schemas/ClusterList\"}"))
                .validate(JSON.readTree("{\"clusters\":[{\"outcome\":\"synced\"}]}")))
        .as("the contract check is not vacuous")
        .isNotEmpty();
    HttpResponse<String> huge =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/reports"))
                .header("Authorization", "Bearer " + TOKENS.get(Role.ADMIN))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 << 20]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(huge.statusCode()).isEqualTo(413);
    HttpResponse<String> badTime =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/findings?since=yesterday"))
                .header("Authorization", "Bearer " + TOKENS.get(Role.VIEWER))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(badTime.body()).contains("since must be a date");
    assertThat(
            get("/api/v1/clusters", TOKENS.get(Role.VIEWER))
                .headers()
                .firstValue("Access-Control-Allow-Origin"))
        .as("no CORS by default")
        .isEmpty();
  }

  @Test
  @Order(4)
  void aSignedPushForTheRepositoryRefreshesAndBadOnesAreRefusedWithoutHarm(
      SandboxFleetHandle sandbox) throws Exception {
    serve(sandbox);
    long before = server.events().lastId();
    String push =
        "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"file://"
            + repo.dir()
            + "\"}}";
    HttpResponse<String> accepted =
        hook(
            "github",
            push,
            "sha256="
                + WebhookSignatures.hmac(WEBHOOK_SECRET, push.getBytes(StandardCharsets.UTF_8)));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.body()).contains("refresh requested");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.events().lastId() == before) {
      assertThat(System.nanoTime()).as("the webhook's sync").isLessThan(deadline);
      Thread.sleep(100);
    }

    assertThat(hook("github", push, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
    assertThat(hook("gitea", push, null).statusCode()).isEqualTo(401);
    String other = "{\"project\":{\"git_http_url\":\"https://git.example.com/other/fleet.git\"}}";
    HttpResponse<String> ignored =
        hook("gitlab", other, new String(WEBHOOK_SECRET, StandardCharsets.UTF_8));
    assertThat(ignored.statusCode()).isEqualTo(202);
    assertThat(ignored.body()).contains("ignored");
    String garbage = "{not json";
    assertThat(
            hook(
                    "gitea",
                    garbage,
                    WebhookSignatures.hmac(
                        WEBHOOK_SECRET, garbage.getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .isEqualTo(400);

    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/clusters", TOKENS.get(Role.VIEWER)).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(4)
  void aThousandSignedMalformedPayloadsReachTheParserAndAnUnsignedFloodIsRefused(
      SandboxFleetHandle sandbox) throws Exception {
    serve(sandbox);
    MalformedPayloads payloads = new MalformedPayloads(42);
    double malformedBefore = webhookCount("malformed");
    Map<String, Integer> statuses = new java.util.TreeMap<>();
    int malformed = 0;
    for (int i = 0; i < 1_000; i++) {
      MalformedPayloads.Payload payload = payloads.next();
      String forge = List.of("github", "gitlab", "gitea").get(i % 3);
      int status = signedHook(forge, payload.body()).statusCode();
      int expected = payload.expect() == MalformedPayloads.Expect.MALFORMED ? 400 : 202;
      statuses.merge(payload.kind() + " → " + status, 1, Integer::sum);
      if (status != expected) {
        statuses.merge("UNEXPECTED " + payload.kind() + " → " + status, 1, Integer::sum);
      }
      malformed += expected == 400 ? 1 : 0;
    }
    assertThat(statuses.keySet())
        .as("every signed payload is parsed: refused as malformed or ignored, %s", statuses)
        .noneMatch(key -> key.startsWith("UNEXPECTED"));
    assertThat(webhookCount("malformed") - malformedBefore)
        .as("the parser refused each malformed payload")
        .isEqualTo(malformed);

    java.util.Random random = new java.util.Random(43);
    Map<Integer, Integer> unsigned = new java.util.TreeMap<>();
    for (int i = 0; i < 1_000; i++) {
      byte[] body = new byte[random.nextInt(2_000)];
      random.nextBytes(body);
      String forge = List.of("github", "gitlab", "gitea").get(i % 3);
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(uri("/hooks/" + forge))
                  .header("X-Hub-Signature-256", "sha256=" + Integer.toHexString(i))
                  .header("X-Gitea-Signature", Integer.toHexString(i))
                  .header("X-Gitlab-Token", Integer.toHexString(i))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      unsigned.merge(answer.statusCode(), 1, Integer::sum);
    }
    assertThat(unsigned)
        .as("each unsigned delivery reaches the signature check and is refused")
        .containsOnlyKeys(401);
    Map<Integer, Integer> beyond = new java.util.TreeMap<>();
    for (int i = 0; i < 400; i++) {
      beyond.merge(hook("github", "{}", null).statusCode(), 1, Integer::sum);
    }
    assertThat(beyond)
        .as("past the sender's burst the rate limit answers, before the body is read")
        .containsOnlyKeys(401, 429)
        .containsKey(429);
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/clusters", TOKENS.get(Role.VIEWER)).statusCode()).isEqualTo(200);
  }

  private static double webhookCount(String result) {
    return io.micrometer.core.instrument.Metrics.globalRegistry
        .find("fleetgate.webhooks")
        .tag("result", result)
        .counters()
        .stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  private static HttpResponse<String> signedHook(String forge, byte[] body) throws Exception {
    String hmac = WebhookSignatures.hmac(WEBHOOK_SECRET, body);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/hooks/" + forge));
    switch (forge) {
      case "github" -> request.header("X-Hub-Signature-256", "sha256=" + hmac);
      case "gitea" -> request.header("X-Gitea-Signature", hmac);
      default ->
          request.header("X-Gitlab-Token", new String(WEBHOOK_SECRET, StandardCharsets.UTF_8));
    }
    return HTTP.send(
        request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(5)
  void eventsResumeFromTheLastIdWithoutLosingAny(SandboxFleetHandle sandbox) throws Exception {
    serve(sandbox);
    List<Long> first = readEvents(0, 3, null);
    assertThat(first).isEmpty(); // without a Last-Event-ID only live events come
    long seen = server.events().lastId() - 5;
    List<Long> replay = readEvents(seen, 5, null);
    assertThat(replay).containsExactly(seen + 1, seen + 2, seen + 3, seen + 4, seen + 5);

    long last = server.events().lastId();
    HTTP.send(
        HttpRequest.newBuilder(uri("/api/v1/refresh"))
            .header("Authorization", "Bearer " + TOKENS.get(Role.OPERATOR))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.events().lastId() < last + 3) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(100);
    }
    List<Long> resumed = readEvents(last, 3, null);
    assertThat(resumed).containsExactly(last + 1, last + 2, last + 3);
  }

  /** Reads up to {@code count} event ids from the stream, for at most 3 seconds. */
  private static List<Long> readEvents(long lastEventId, int count, String unused)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + TOKENS.get(Role.VIEWER));
    if (lastEventId > 0) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    HttpResponse<InputStream> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (ids.size() < count && (line = lines.readLine()) != null) {
                      if (line.startsWith("id: ")) {
                        synchronized (ids) {
                          ids.add(Long.parseLong(line.substring(4).trim()));
                        }
                      }
                    }
                  } catch (java.io.IOException e) {
                    // closed below
                  }
                });
    reader.join(3_000);
    response.body().close();
    synchronized (ids) {
      return List.copyOf(ids);
    }
  }

  private static final String GATEWAY = "payments/payment-gateway[Deployment]";
  private static final String BILLING = "billing/billing-service[Deployment]";

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  @Order(6)
  void reachabilityAnswersTheSyncedRevisionExplainsAndDiffsAfterAPush(SandboxFleetHandle sandbox)
      throws Exception {
    serve(sandbox);
    String viewer = TOKENS.get(Role.VIEWER);
    String base = "/api/v1/clusters/beijing-prod/reachability";
    JsonNode report = JSON.readTree(get(base, viewer).body());
    String synced = report.get("commit").asText();
    assertThat(report.get("connections").toString())
        .contains("{\"src\":\"" + GATEWAY + "\",\"dst\":\"" + BILLING + "\",\"conn\":\"TCP 9443\"");
    assertThat(report.get("findings").toString())
        .contains("{\"kind\":\"selects-nothing\",\"severity\":\"warn\"");
    JsonNode why =
        JSON.readTree(
            get(base + "/explanation?src=" + encode(GATEWAY) + "&dst=" + encode(BILLING), viewer)
                .body());
    assertThat(why.get("allowed").asBoolean()).isTrue();
    assertThat(why.at("/egress/rules/0/policy").asText())
        .isEqualTo("payments/payment-gateway-to-billing");

    for (var refused :
        Map.of(
                "/api/v1/clusters/no-such-cluster/reachability",
                404,
                base + "?revision=no-such-branch",
                404,
                base + "?revision=" + encode("--upload-pack=touch /tmp/x"),
                400,
                base + "/explanation?src=" + encode("payments/nobody") + "&dst=" + encode(BILLING),
                404,
                base + "/diff?from=main",
                400,
                base + "/diff?from=main&to=main&limit=0",
                400)
            .entrySet()) {
      HttpResponse<String> answer = get(refused.getKey(), viewer);
      assertThat(answer.statusCode())
          .as(refused.getKey() + ": " + answer.body())
          .isEqualTo(refused.getValue());
      assertThat(answer.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(JSON.readTree(answer.body()).get("detail").asText()).isNotBlank();
    }

    String pushed =
        repo.write(
                "bundles/payments/allow-gateway-out.yaml",
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: allow-gateway-out
                  namespace: payments
                spec:
                  podSelector:
                    matchLabels:
                      app.kubernetes.io/name: payment-gateway
                  policyTypes: [Egress]
                  egress:
                    - ports:
                        - protocol: TCP
                          port: 5432
                """)
            .commit("Let the gateway reach databases");
    HttpRequest refresh =
        HttpRequest.newBuilder(uri("/api/v1/refresh"))
            .header("Authorization", "Bearer " + TOKENS.get(Role.OPERATOR))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    assertThat(HTTP.send(refresh, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(202);
    String diffPath = base + "/diff?from=" + synced + "&to=" + pushed;
    HttpResponse<String> diff = get(diffPath, viewer);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (diff.statusCode() == 404) {
      assertThat(System.nanoTime()).as("the push is fetched within 90 s").isLessThan(deadline);
      Thread.sleep(500);
      diff = get(diffPath, viewer);
    }
    assertThat(diff.statusCode()).as(diff.body()).isEqualTo(200);
    JsonNode changes = JSON.readTree(diff.body());
    assertThat(changes.get("opened").asInt()).isPositive();
    assertThat(changes.get("closed").asInt()).isZero();
    assertThat(changes.at("/changes/0/src").asText()).isEqualTo(GATEWAY);
    assertThat(changes.at("/changes/0/opened").asText()).isEqualTo("TCP 5432");
    assertThat(changes.at("/changes/0/allowedBy").toString())
        .contains("payments/allow-gateway-out egress rule 1 (TCP 5432)");
    JsonNode document = JSON.readTree(get("/openapi.json", null).body());
    assertThat(
            validator(
                    document, JSON.readTree("{\"$ref\":\"#/components/schemas/ReachabilityDiff\"}"))
                .validate(changes))
        .isEmpty();
  }

  private record Call(String method, String path, String body, Map<String, String> headers) {}

  /** A request that the operation should accept, with real parameters. */
  private static Call call(String method, String template) throws Exception {
    return switch (template) {
      case "/api/v1/clusters/{name}" ->
          new Call(method, "/api/v1/clusters/beijing-prod", null, Map.of());
      case "/api/v1/clusters/{name}/plan" ->
          new Call(method, "/api/v1/clusters/beijing-prod/plan", null, Map.of());
      case "/api/v1/clusters/{name}/argocd" ->
          new Call(method, "/api/v1/clusters/beijing-prod/argocd", null, Map.of());
      case "/api/v1/clusters/{name}/reachability" ->
          new Call(method, "/api/v1/clusters/beijing-prod/reachability", null, Map.of());
      case "/api/v1/clusters/{name}/reachability/explanation" ->
          new Call(
              method,
              "/api/v1/clusters/beijing-prod/reachability/explanation?src="
                  + encode(GATEWAY)
                  + "&dst="
                  + encode(BILLING),
              null,
              Map.of());
      case "/api/v1/clusters/{name}/reachability/diff" ->
          new Call(
              method,
              "/api/v1/clusters/beijing-prod/reachability/diff?from=main&to=main",
              null,
              Map.of());
      case "/api/v1/slos/{service}/{slo}/history" ->
          new Call(
              method,
              "/api/v1/slos/payment-gateway/payment-gateway-availability/history",
              null,
              Map.of());
      case "/api/v1/rollouts/{name}/{command}" ->
          new Call(method, "/api/v1/rollouts/kernel-2026-11/start", null, Map.of());
      case "/api/v1/reports/{id}" ->
          new Call(method, "/api/v1/reports/" + reportId(), null, Map.of());
      case "/api/v1/reports" -> new Call(method, template, "{\"format\":\"json\"}", Map.of());
      case "/api/v1/tokens" ->
          new Call(
              method,
              template,
              "{\"name\":\"made-" + System.nanoTime() + "\",\"role\":\"viewer\"}",
              Map.of());
      case "/api/v1/admin/profile" -> new Call(method, template + "?seconds=1", null, Map.of());
      case "/api/v1/events" ->
          new Call(method, template, null, Map.of("Accept", "text/event-stream"));
      case "/hooks/{forge}" -> {
        String push = "{\"repository\":{\"clone_url\":\"https://git.example.com/elsewhere.git\"}}";
        yield new Call(
            method,
            "/hooks/github",
            push,
            Map.of(
                "X-Hub-Signature-256",
                "sha256="
                    + WebhookSignatures.hmac(
                        WEBHOOK_SECRET, push.getBytes(StandardCharsets.UTF_8))));
      }
      default -> new Call(method, template, method.equals("POST") ? "" : null, Map.of());
    };
  }

  private static String reportId() throws Exception {
    HttpResponse<String> created =
        HTTP.send(
            HttpRequest.newBuilder(uri("/api/v1/reports"))
                .header("Authorization", "Bearer " + TOKENS.get(Role.OPERATOR))
                .POST(HttpRequest.BodyPublishers.ofString("{\"format\":\"html\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("id").asText();
  }

  private static HttpResponse<String> send(Call call, String token, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(call.path())).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    request.method(
        call.method(),
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
    if (call.path().equals("/api/v1/events")) {
      HttpResponse<InputStream> stream =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      stream.body().close();
      return new Answered(stream.statusCode(), "", stream);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> hook(String forge, String body, String signature)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/hooks/" + forge));
    if (signature != null) {
      request.header(
          switch (forge) {
            case "github" -> "X-Hub-Signature-256";
            case "gitea" -> "X-Gitea-Signature";
            default -> "X-Gitlab-Token";
          },
          signature);
    }
    return HTTP.send(
        request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** A validator for a schema of the document, resolving its #/components references. */
  static JsonSchema validator(JsonNode document, JsonNode schema) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) schema.deepCopy());
    root.set("components", document.get("components"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }

  /** A streamed answer's status, as a string response. */
  private record Answered(int statusCode, String body, HttpResponse<InputStream> of)
      implements HttpResponse<String> {
    @Override
    public HttpRequest request() {
      return of.request();
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return of.headers();
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return of.sslSession();
    }

    @Override
    public URI uri() {
      return of.uri();
    }

    @Override
    public HttpClient.Version version() {
      return of.version();
    }
  }
}
