package io.fleetgate.policy.opaserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Deadlines;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.ChangeSetInput;
import io.fleetgate.policy.PolicyDeadlineException;
import io.fleetgate.policy.PolicyInput;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OPA-server engine holds each document to its own deadline: an object's decision to the
 * evaluation deadline, the change set to the change-set deadline. The server here answers slowly on
 * purpose; what is tested is the client's timing, not OPA.
 */
class OpaServerDeadlinesTest {

  private static final String DECISION = "{\"result\":{\"deny\":[],\"warn\":[]}}";
  private static final ClusterTarget CLUSTER =
      new ClusterTarget("fleet", "edge", Map.of(), ClusterPhase.PROVISIONED);
  private static final RenderedObject OBJECT =
      new RenderedObject(
          new ObjectRef("", "ConfigMap", "apps", "settings"),
          "apps",
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              "ConfigMap",
              "metadata",
              Map.of("name", "settings", "namespace", "apps")),
          new SourceLocation("apps/settings.yaml", 1));

  private HttpServer server;

  @BeforeEach
  void slowServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            Thread.sleep(1_000);
            byte[] body = DECISION.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OpaServerEvaluator evaluator() {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new OpaServerEvaluator(
        OpaEndpoint.open(url),
        Deadlines.DEFAULTS
            .withEvaluation(Duration.ofMillis(300))
            .withChangeSet(Duration.ofSeconds(5)));
  }

  @Test
  void aChangeSetIsGivenTheChangeSetDeadlineNotTheEvaluationDeadline() throws Exception {
    var decision =
        evaluator()
            .evaluateChangeSet(new ChangeSetInput(List.of(OBJECT), CLUSTER, "abc", Map.of()));

    assertThat(decision.denials()).isEmpty();
  }

  @Test
  void anObjectPastTheEvaluationDeadlineFailsAsADeadline() {
    long started = System.nanoTime();

    assertThatThrownBy(() -> evaluator().evaluate(new PolicyInput(OBJECT, CLUSTER, "abc")))
        .isInstanceOf(PolicyDeadlineException.class)
        .hasMessageContaining("300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
  }
}
