package io.fleetgate.policy.opaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyDecision;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyInput;
import io.fleetgate.tools.ToolCache;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OPA server Fleetgate supervises, attacked as a local process would: every unauthenticated
 * request to the real {@code opa run --server} is refused, and a policy cannot be replaced.
 */
class OpaServerSecurityIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static OpaServer server;

  @BeforeAll
  static void start(@TempDir Path work) throws Exception {
    server =
        OpaServer.start(ToolCache.locate().executable("opa"), PolicyBundle.builtInRego(), work);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anUnauthenticatedLocalProcessCanNeitherWriteNorReadPolicies() throws Exception {
    String allowEverything = "package fleetgate.main\n\ndecision := {\"allowed\": true}\n";

    assertThat(send("PUT", "/v1/policies/fleetgate/main.rego", allowEverything, null))
        .as("replacing the gate's policy")
        .isEqualTo(401);
    assertThat(send("PUT", "/v1/data/fleetgate/params", "{\"x\": 1}", null)).isEqualTo(401);
    assertThat(send("GET", "/v1/policies", null, null)).isEqualTo(401);
    assertThat(send("GET", "/v1/data", null, null)).isEqualTo(401);
    assertThat(send("POST", "/v1/data/fleetgate/main/decision", "{\"input\": {}}", null))
        .isEqualTo(401);
    assertThat(send("PUT", "/v1/policies/x", allowEverything, "Bearer guessed-token"))
        .isEqualTo(401);
  }

  @Test
  void fleetgatesOwnEvaluationWorksAndItsTokenMayDoNothingElse() throws Exception {
    OpaServerEvaluator evaluator = new OpaServerEvaluator(server.endpoint(), Duration.ofSeconds(5));

    PolicyDecision privileged = evaluator.evaluate(privilegedPod());
    assertThat(privileged.allowed()).isFalse();
    assertThat(privileged.denials()).extracting(f -> f.policy()).contains("privileged_containers");

    String bearer = "Bearer " + server.endpoint().token().orElseThrow();
    assertThat(send("GET", "/health", null, bearer)).isEqualTo(200);
    assertThat(send("PUT", "/v1/policies/evil", "package evil\n", bearer))
        .as("even Fleetgate's token cannot write a policy")
        .isEqualTo(401);
    assertThat(send("GET", "/v1/policies", null, bearer)).isEqualTo(401);
    assertThat(send("DELETE", "/v1/policies/system/authz", null, bearer)).isEqualTo(401);
    assertThat(server.endpoint().toString()).doesNotContain(server.endpoint().token().get());
  }

  @Test
  void theBoundPortIsTheOneTheKernelChoseAndTwoServersNeverShareOne(@TempDir Path work)
      throws Exception {
    try (OpaServer second =
        OpaServer.start(ToolCache.locate().executable("opa"), PolicyBundle.builtInRego(), work)) {
      assertThat(second.url().getPort()).isNotEqualTo(server.url().getPort()).isPositive();
      assertThat(second.url().getHost()).isEqualTo("127.0.0.1");
      assertThat(
              new OpaServerEvaluator(second.endpoint(), Duration.ofSeconds(5))
                  .evaluate(privilegedPod())
                  .allowed())
          .isFalse();
    }
  }

  @Test
  void anExternalHttpsOpaWithATokenFileIsAskedOverTlsWithTheToken(@TempDir Path work)
      throws Exception {
    Path key = work.resolve("opa.key");
    Path cert = work.resolve("opa.crt");
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "1",
        "-subj",
        "/CN=opa",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
    String token = "external-" + ServerAuthorization.newToken();
    Path tokenFile = Files.writeString(work.resolve("token"), token + "\n");
    Path policies = Files.createDirectories(work.resolve("policies"));
    for (var source : PolicyBundle.builtInRego().regoSources().entrySet()) {
      Path file = policies.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
    }
    Path authz = Files.createDirectories(work.resolve("authz"));
    Files.writeString(authz.resolve("authz.rego"), ServerAuthorization.policy(token));
    Process opa =
        new ProcessBuilder(
                ToolCache.locate().executable("opa").toString(),
                "run",
                "--server",
                "--addr",
                "127.0.0.1:0",
                "--tls-cert-file",
                cert.toString(),
                "--tls-private-key-file",
                key.toString(),
                "--authentication=token",
                "--authorization=basic",
                "--skip-version-check",
                policies.toString(),
                authz.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("opa.log").toFile())
            .start();
    try {
      int port = awaitPort(opa);
      URI url = URI.create("https://127.0.0.1:" + port);
      OpaServerEvaluator trusted =
          new OpaServerEvaluator(
              OpaEndpoint.external(url, tokenFile, cert), Duration.ofSeconds(10));
      assertThat(eventually(() -> trusted.evaluate(privilegedPod())).allowed()).isFalse();

      Path wrong = Files.writeString(work.resolve("wrong"), "not-the-token");
      assertThatThrownBy(
              () ->
                  new OpaServerEvaluator(
                          OpaEndpoint.external(url, wrong, cert), Duration.ofSeconds(10))
                      .evaluate(privilegedPod()))
          .isInstanceOf(PolicyException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("--opa-token-file")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-token"));
      assertThatThrownBy(
              () ->
                  new OpaServerEvaluator(
                          OpaEndpoint.external(url, tokenFile, null), Duration.ofSeconds(10))
                      .evaluate(privilegedPod()))
          .as("a certificate the JDK does not trust")
          .isInstanceOf(PolicyException.class)
          .hasMessageContaining("unreachable");
    } finally {
      opa.destroyForcibly().waitFor();
    }
  }

  @Test
  void aTokenIsNeverSentInClearTextToAnotherHost(@TempDir Path work) throws Exception {
    Path tokenFile = Files.writeString(work.resolve("token"), "secret-token");

    assertThatThrownBy(
            () -> OpaEndpoint.external(URI.create("http://opa.example.com:8181"), tokenFile, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clear text")
        .hasMessageContaining("https://")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-token"));
    assertThatThrownBy(
            () ->
                OpaEndpoint.external(
                    URI.create("https://opa.example.com"), work.resolve("missing"), null))
        .hasMessageContaining("Cannot read the OPA token file " + work.resolve("missing"));
    assertThatThrownBy(
            () -> OpaEndpoint.external(URI.create("https://user:pw@opa.example.com"), null, null))
        .hasMessageContaining("--opa-token-file");
    assertThat(OpaEndpoint.external(URI.create("http://127.0.0.1:8181"), tokenFile, null).token())
        .contains("secret-token");
  }

  private static PolicyInput privilegedPod() {
    Map<String, Object> pod =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Pod",
            "metadata",
            Map.of("name", "debug", "namespace", "ingress"),
            "spec",
            Map.of(
                "containers",
                List.of(
                    Map.of(
                        "name", "sh",
                        "image", "busybox:1.36",
                        "securityContext", Map.of("privileged", true)))));
    RenderedObject object =
        new RenderedObject(
            new ObjectRef("", "Pod", "ingress", "debug"),
            "baseline",
            pod,
            new SourceLocation("bundles/baseline/debug.yaml", 1));
    ClusterTarget cluster =
        new ClusterTarget("fleet", "beijing-prod", Map.of("env", "prod"), ClusterPhase.PROVISIONED);
    return new PolicyInput(object, cluster, "0123456789abcdef0123456789abcdef01234567");
  }

  private interface Attempt<T> {
    T run() throws Exception;
  }

  /** OPA answers on its port a moment after it binds it. */
  private static <T> T eventually(Attempt<T> attempt) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        return attempt.run();
      } catch (PolicyException e) {
        if (System.nanoTime() > deadline || !e.getMessage().contains("unreachable")) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static int awaitPort(Process process) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("opa is running").isTrue();
      var port = ListeningPort.of(process.pid());
      if (port.isPresent()) {
        return port.getAsInt();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("opa listened on no port");
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }

  static int send(String method, String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
