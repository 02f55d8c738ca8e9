package io.fleetgate.policy.opaserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.policy.ChangeSetDecision;
import io.fleetgate.policy.ChangeSetInput;
import io.fleetgate.policy.DecisionDocument;
import io.fleetgate.policy.PolicyDecision;
import io.fleetgate.policy.PolicyEvaluator;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Asks an OPA server for {@code fleetgate.main.decision} and {@code fleetgate.main.changeset}; any
 * failure is a {@link PolicyException}.
 */
public final class OpaServerEvaluator implements PolicyEvaluator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI decision;
  private final URI changeset;
  private final Duration timeout;
  private final Duration changeSetTimeout;
  private final HttpClient http;
  private final java.util.Optional<String> authorization;

  /**
   * An OPA server without authentication.
   *
   * @param server the server's base URL, e.g. {@code http://127.0.0.1:8181}
   * @param timeout how long one decision may take before it counts as a denial
   */
  public OpaServerEvaluator(URI server, Duration timeout) {
    this(OpaEndpoint.open(server), timeout);
  }

  /**
   * @param endpoint the server's base URL, the bearer token it requires and the CA it is signed by
   * @param timeout how long one decision, of an object or a change set alike, may take before it
   *     counts as a denial
   */
  public OpaServerEvaluator(OpaEndpoint endpoint, Duration timeout) {
    this(endpoint, timeout, timeout);
  }

  /**
   * @param endpoint the server's base URL, the bearer token it requires and the CA it is signed by
   * @param deadlines how long an object's decision ({@link
   *     io.fleetgate.domain.Deadlines#evaluation}) and a change set's ({@link
   *     io.fleetgate.domain.Deadlines#changeSet}) may take, each request from its start, connecting
   *     included, to its answer; past it the decision counts as a denial
   */
  public OpaServerEvaluator(OpaEndpoint endpoint, io.fleetgate.domain.Deadlines deadlines) {
    this(endpoint, deadlines.evaluation(), deadlines.changeSet());
  }

  private OpaServerEvaluator(OpaEndpoint endpoint, Duration timeout, Duration changeSetTimeout) {
    URI server = endpoint.url();
    this.decision = server.resolve("/v1/data/fleetgate/main/decision");
    this.changeset = server.resolve("/v1/data/fleetgate/main/changeset");
    this.timeout = timeout;
    this.changeSetTimeout = changeSetTimeout;
    // No client-wide connect timeout: each request's own timeout runs from its start, so it
    // bounds the connect as well, by the deadline of the document asked for.
    HttpClient.Builder http = HttpClient.newBuilder();
    endpoint.trust().ifPresent(http::sslContext);
    this.http = http.build();
    this.authorization = endpoint.token().map(token -> "Bearer " + token);
  }

  @Override
  public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
    return DecisionDocument.parse(ask(decision, input.toJson(), timeout), engine());
  }

  @Override
  public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException {
    return DecisionDocument.parseChangeSet(
        ask(changeset, input.toJson(), changeSetTimeout), engine());
  }

  private JsonNode ask(URI document, String input, Duration timeout) throws PolicyException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(document)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\":" + input + "}"));
    authorization.ifPresent(value -> builder.header("Authorization", value));
    HttpRequest request = builder.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new io.fleetgate.policy.PolicyDeadlineException(
          engine()
              + " did not answer within its deadline of "
              + io.fleetgate.domain.Deadlines.display(timeout),
          e);
    } catch (IOException e) {
      throw new PolicyException(engine() + " is unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PolicyException("Interrupted while asking " + engine(), e);
    }
    if (response.statusCode() == 401) {
      throw new PolicyException(
          engine()
              + " refused Fleetgate's credentials (HTTP 401): "
              + (authorization.isPresent()
                  ? "check the token in --opa-token-file"
                  : "it requires a token; pass --opa-token-file"));
    }
    if (response.statusCode() != 200) {
      throw new PolicyException(
          engine()
              + " answered HTTP "
              + response.statusCode()
              + ": "
              + abbreviate(response.body()));
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (!body.has("result")) {
        throw new PolicyException(
            engine()
                + " has no "
                + document.getPath().substring("/v1/data/".length()).replace('/', '.')
                + " (is the Fleetgate bundle loaded?)");
      }
      return body.get("result");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new PolicyException(
          engine() + " answered something that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public String engine() {
    return "opa-server " + decision.resolve("/");
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }
}
