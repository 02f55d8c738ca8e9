package io.fleetgate.argocd.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.argocd.ArgoApplication;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.Cascade;
import io.fleetgate.argocd.LabelSelector;
import io.fleetgate.argocd.Removal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter's transport against a hostile or broken server: one that never answers, trickles,
 * sends a gigabyte, redirects, or sends error bodies with control characters and the caller's own
 * token in them. These are about HTTP, not about Argo CD's behaviour, so a raw socket server on
 * loopback plays the server; what Argo CD itself answers is tested against a real Argo CD.
 */
class RestArgoCdTransportTest {

  private static final String TOKEN =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmbGVldGdhdGUifQ.c2lnbmF0dXJl";
  private static final long GIGABYTE = 1L << 30;

  @TempDir Path dir;

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong bytesSent = new AtomicLong();
  private ServerSocket server;

  /** What the server does with one connection, after it has read the request's head. */
  @FunctionalInterface
  interface Behaviour {
    void answer(OutputStream out) throws IOException, InterruptedException;
  }

  private RestArgoCd argoServing(Behaviour behaviour, Duration callTimeout, long maxBytes)
      throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    startServing(behaviour);
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    var endpoint =
        ArgoCdEndpoint.of(URI.create("http://127.0.0.1:" + server.getLocalPort()))
            .withCallTimeout(callTimeout)
            .withMaxAnswerBytes(maxBytes);
    return RestArgoCd.connect(endpoint, new ArgoCredentials.ApiTokenFile(tokenFile));
  }

  private void startServing(Behaviour behaviour) {
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  Thread.ofVirtual().start(() -> serve(socket, behaviour));
                } catch (IOException closed) {
                  return;
                }
              }
            });
  }

  private void serve(Socket socket, Behaviour behaviour) {
    try (socket) {
      requests.add(readHead(socket.getInputStream()));
      behaviour.answer(socket.getOutputStream());
    } catch (IOException | InterruptedException gone) {
      // the client hung up: what the hostile cases expect
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * One answer, then the connection closes; {@code Connection: close} says so, or the client would
   * send its next request on a socket the server is closing.
   */
  private static void respond(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " X\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  /** Headers announcing a gigabyte, then as much of it as the client takes. */
  private Behaviour gigabyte(int status) {
    return out -> {
      out.write(
          ("HTTP/1.1 "
                  + status
                  + " X\r\nContent-Type: application/json\r\nContent-Length: "
                  + GIGABYTE
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      for (long sent = 0; sent < GIGABYTE; sent += chunk.length) {
        out.write(chunk);
        bytesSent.addAndGet(chunk.length);
      }
    };
  }

  private String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void failsWithinTheTimeoutWhenTheServerNeverAnswers() throws IOException {
    var argo =
        argoServing(out -> Thread.sleep(Duration.ofMinutes(5)), Duration.ofSeconds(1), 1 << 20);

    long start = System.nanoTime();
    assertThatThrownBy(argo::version)
        .isInstanceOfSatisfying(
            ArgoCdException.class, e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.TIMED_OUT))
        .hasMessageStartingWith("Argo CD at " + url() + " did not answer read the version in time");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void failsWithinTheTimeoutWhenTheServerTricklesItsAnswer() throws IOException {
    var argo =
        argoServing(
            out -> {
              out.write(
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                      .getBytes(StandardCharsets.ISO_8859_1));
              while (true) {
                out.write(' ');
                out.flush();
                Thread.sleep(100);
              }
            },
            Duration.ofSeconds(1),
            1 << 20);

    long start = System.nanoTime();
    assertThatThrownBy(() -> argo.applications(LabelSelector.all()))
        .isInstanceOfSatisfying(
            ArgoCdException.class, e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.TIMED_OUT))
        .hasMessageContaining("did not answer list applications in time");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void stopsReadingAGigabyteAnswerAtTheLimit() throws IOException {
    var argo = argoServing(gigabyte(200), Duration.ofSeconds(60), 1 << 20);

    assertThatThrownBy(() -> argo.applications(LabelSelector.all()))
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MALFORMED_ANSWER))
        .hasMessage(
            "Argo CD at "
                + url()
                + " answered list applications with more than Fleetgate reads (the answer is larger than 1048576 bytes)");
    assertThat(bytesSent.get()).as("bytes the server got rid of").isLessThan(GIGABYTE / 8);
  }

  @Test
  void stopsReadingAGigabyteErrorBodyAtTheLimit() throws IOException {
    var argo = argoServing(gigabyte(500), Duration.ofSeconds(60), 1 << 20);

    assertThatThrownBy(() -> argo.project("fleetgate"))
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MALFORMED_ANSWER))
        .hasMessageContaining("answered get project fleetgate with more than Fleetgate reads");
    assertThat(bytesSent.get()).isLessThan(GIGABYTE / 8);
  }

  @Test
  void showsArgoCdsErrorMessagePrintableWithTheOperation() throws IOException {
    var argo =
        argoServing(
            out ->
                respond(
                    out,
                    400,
                    "{\"error\":\"x\",\"code\":3,\"message\":\"application spec is invalid\\n\\u001b[31mfake prompt$ \"}"),
            Duration.ofSeconds(10),
            1 << 20);
    var app =
        new ArgoApplication("a", "p", "https://g/x.git", "", "HEAD", "https://s", "", Map.of());

    assertThatThrownBy(() -> argo.upsert(app))
        .isInstanceOfSatisfying(
            ArgoCdException.class, e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.REJECTED))
        .hasMessage(
            "Argo CD at "
                + url()
                + " could not upsert application a: application spec is invalid  [31mfake prompt$ (HTTP 400)");
    String request = requests.getFirst();
    assertThat(request).startsWith("POST /api/v1/applications?upsert=true&validate=true HTTP/1.1");
    assertThat(request.lines().filter(l -> l.contains(TOKEN)))
        .containsExactly("Authorization: Bearer " + TOKEN);
  }

  @Test
  void neverRepeatsTheTokenAServerEchoes() throws IOException {
    var argo =
        argoServing(
            out ->
                respond(
                    out,
                    403,
                    "{\"code\":7,\"message\":\"token " + TOKEN + " lacks applications, get\"}"),
            Duration.ofSeconds(10),
            1 << 20);

    assertThatThrownBy(() -> argo.application("a"))
        .isInstanceOfSatisfying(
            ArgoCdException.class, e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.DENIED))
        .hasMessageContaining(
            "token [redacted] lacks applications, get (HTTP 403); check the token or account file")
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void settingsThatAreHugeMalformedOrNameNoMethodNeverPassForAnnotationTracking()
      throws IOException {
    var huge = argoServing(gigabyte(200), Duration.ofSeconds(60), 1 << 20);
    assertThatThrownBy(huge::trackingMethod)
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MALFORMED_ANSWER))
        .hasMessageContaining("answered read the settings with more than Fleetgate reads");
    assertThat(bytesSent.get()).isLessThan(GIGABYTE / 8);
    server.close();

    var echo =
        argoServing(
            out -> respond(out, 200, "{\"trackingMethod\": " + TOKEN + "}"),
            Duration.ofSeconds(10),
            1 << 20);
    assertThatThrownBy(echo::trackingMethod)
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MALFORMED_ANSWER))
        .message()
        .doesNotContain(TOKEN);
    assertThat(requests.getLast()).startsWith("GET /api/v1/settings HTTP/1.1");
    server.close();

    for (String body :
        List.of("{}", "{\"trackingMethod\": 7}", "{\"trackingMethod\": \"label\"}")) {
      var odd = argoServing(out -> respond(out, 200, body), Duration.ofSeconds(10), 1 << 20);
      assertThat(odd.trackingMethod().byAnnotation()).as(body).isFalse();
      server.close();
    }
  }

  @Test
  void aTransportFailureWhoseMessageHoldsTheTokenNeverRepeatsIt() {
    Failures failures =
        new Failures(
            "http://argocd.example",
            new com.fasterxml.jackson.databind.ObjectMapper(),
            () -> new BearerToken(TOKEN));
    var parse =
        new com.fasterxml.jackson.core.JsonParseException(
            null, "Unrecognized token '" + TOKEN + "': was expecting a value");
    var other = new IOException("stream reset after Authorization: Bearer " + TOKEN);

    for (IOException cause : List.of(parse, other)) {
      ArgoCdException e = failures.of("read the settings", new ApiExceptionOf(cause).get());
      assertThat(e.getMessage()).contains("[redacted]").doesNotContain(TOKEN);
    }
  }

  /** The generated client's exception for a failure below HTTP, as its API classes throw it. */
  private record ApiExceptionOf(IOException cause) {
    io.fleetgate.argocd.rest.gen.invoker.ApiException get() {
      return new io.fleetgate.argocd.rest.gen.invoker.ApiException(cause);
    }
  }

  @Test
  void showsTheStartOfAnErrorBodyThatIsNotJson() throws IOException {
    var argo =
        argoServing(
            out -> respond(out, 502, "<html>Bad Gateway\r\n</html>"),
            Duration.ofSeconds(10),
            1 << 20);

    assertThatThrownBy(() -> argo.clusters())
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.SERVER_ERROR))
        .hasMessage(
            "Argo CD at "
                + url()
                + " could not list clusters: <html>Bad Gateway  </html> (HTTP 502)");
  }

  @Test
  void readsA404AsAbsentOnlyWhereAbsenceIsAnAnswer() throws IOException {
    var argo =
        argoServing(
            out -> respond(out, 404, "{\"code\":5,\"message\":\"not found\"}"),
            Duration.ofSeconds(10),
            1 << 20);

    assertThat(argo.application("a")).isEmpty();
    assertThat(argo.delete("a", Cascade.KEEP_RESOURCES)).isEqualTo(Removal.ALREADY_ABSENT);
    assertThat(argo.deleteCluster("https://10.0.0.1:6443")).isEqualTo(Removal.ALREADY_ABSENT);
    assertThatThrownBy(() -> argo.resourceTree("a"))
        .isInstanceOfSatisfying(
            ArgoCdException.class, e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.REJECTED))
        .hasMessageContaining(
            "could not read the resource tree of application a: not found (HTTP 404)");
  }

  @Test
  void neverFollowsARedirect() throws IOException {
    var argo =
        argoServing(
            out ->
                out.write(
                    "HTTP/1.1 302 Found\r\nLocation: http://attacker.example/\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1)),
            Duration.ofSeconds(10),
            1 << 20);

    assertThatThrownBy(argo::version)
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MISCONFIGURED))
        .hasMessageContaining("redirects are not followed");
    assertThat(requests).hasSize(1);
  }

  @Test
  void refusesAnAccountArgoCdRefusesWithoutLoggingInAgainAndAgain() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    startServing(
        out -> respond(out, 401, "{\"code\":16,\"message\":\"Invalid username or password\"}"));
    Path account = Files.writeString(dir.resolve("account"), "admin\nwrong-password\n");
    var endpoint = ArgoCdEndpoint.of(URI.create(url())).withCallTimeout(Duration.ofSeconds(10));

    assertThatThrownBy(() -> RestArgoCd.connect(endpoint, new ArgoCredentials.AccountFile(account)))
        .isInstanceOfSatisfying(
            ArgoCdException.class, e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.DENIED))
        .hasMessage(
            "Argo CD at "
                + url()
                + " refused to log in as admin: Invalid username or password (HTTP 401);"
                + " check the token or account file and the account's RBAC permissions")
        .message()
        .doesNotContain("wrong-password");
    assertThat(requests).hasSize(1);
    assertThat(requests.getFirst())
        .startsWith("POST /api/v1/session HTTP/1.1")
        .doesNotContain("Authorization");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../clusters", "a/b", "A", "a b", "a\r\nX-Injected: 1"})
  void refusesANameThatIsNotAnObjectNameBeforeSendingAnything(String name) throws IOException {
    var argo = argoServing(out -> respond(out, 200, "{}"), Duration.ofSeconds(10), 1 << 20);

    assertThatThrownBy(() -> argo.delete(name, Cascade.DELETE_RESOURCES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argo.application(name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argo.sync(name, "0".repeat(40), io.fleetgate.argocd.Prune.KEEP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> argo.project(name)).isInstanceOf(IllegalArgumentException.class);
    assertThat(requests).isEmpty();
  }

  @Test
  void namesTheServerItCannotReach() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    var argo =
        RestArgoCd.connect(
            ArgoCdEndpoint.of(URI.create("http://127.0.0.1:" + port)),
            new ArgoCredentials.ApiTokenFile(tokenFile));

    assertThatThrownBy(argo::version)
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.UNREACHABLE))
        .hasMessage(
            "Cannot reach Argo CD at http://127.0.0.1:"
                + port
                + " to read the version: connection refused; check the server URL and that argocd-server is running");
  }
}
