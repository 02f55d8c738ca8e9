package io.fleetgate.argocd.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.ServerText;
import io.fleetgate.argocd.rest.gen.invoker.ApiException;
import io.fleetgate.argocd.rest.gen.model.RuntimeError;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Turns what the generated client throws into an {@link ArgoCdException} that names the server, the
 * operation and what went wrong. Argo CD's errors are gRPC-gateway JSON ({@code {"error", "code",
 * "message"}}); their message is shown printable and bounded, anything else as a short excerpt.
 */
final class Failures {

  private final String server;
  private final ObjectMapper json;
  private final Supplier<BearerToken> token;

  /**
   * @param token the token in use, if any: a server that echoes it back in an error message does
   *     not get it into Fleetgate's messages
   */
  Failures(String server, ObjectMapper json, Supplier<BearerToken> token) {
    this.server = server;
    this.json = json;
    this.token = token;
  }

  /** Whether Argo CD answered that there is nothing of that name. */
  static boolean notFound(ApiException e) {
    return e.getCode() == 404;
  }

  ArgoCdException of(String operation, ApiException e) {
    int status = e.getCode();
    if (status == 0) {
      ArgoCdException transport = transport(operation, e);
      String message = redacted(transport.getMessage());
      return message.equals(transport.getMessage())
          ? transport
          : new ArgoCdException(transport.failure(), operation, message);
    }
    String said = said(e.getResponseBody());
    String tail = (said.isEmpty() ? "" : ": " + said) + " (HTTP " + status + ")";
    if (status == 401 || status == 403) {
      return new ArgoCdException(
          ArgoCdFailure.DENIED,
          operation,
          "Argo CD at "
              + server
              + " refused to "
              + operation
              + tail
              + "; check the token or account file and the account's RBAC permissions");
    }
    if (status >= 300 && status < 400) {
      return new ArgoCdException(
          ArgoCdFailure.MISCONFIGURED,
          operation,
          "Argo CD at "
              + server
              + " redirected "
              + operation
              + tail
              + "; redirects are not followed: give the server's final URL");
    }
    ArgoCdFailure failure = status >= 500 ? ArgoCdFailure.SERVER_ERROR : ArgoCdFailure.REJECTED;
    return new ArgoCdException(
        failure, operation, "Argo CD at " + server + " could not " + operation + tail);
  }

  private ArgoCdException transport(String operation, ApiException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      switch (cause) {
        case AnswerTooLarge big -> {
          return new ArgoCdException(
              ArgoCdFailure.MALFORMED_ANSWER,
              operation,
              "Argo CD at "
                  + server
                  + " answered "
                  + operation
                  + " with more than Fleetgate reads ("
                  + big.getMessage()
                  + ")");
        }
        case HttpConnectTimeoutException timeout -> {
          return unreachable(operation, "no connection within the connect timeout");
        }
        case HttpTimeoutException timeout -> {
          return new ArgoCdException(
              ArgoCdFailure.TIMED_OUT,
              operation,
              "Argo CD at "
                  + server
                  + " did not answer "
                  + operation
                  + " in time ("
                  + ServerText.clean(timeout.getMessage())
                  + ")");
        }
        case InterruptedException interrupted -> {
          return new ArgoCdException(
              ArgoCdFailure.TIMED_OUT,
              operation,
              "Cut off while asking Argo CD at " + server + " to " + operation);
        }
        case ConnectException refused -> {
          return unreachable(operation, "connection refused");
        }
        case UnresolvedAddressException unresolved -> {
          return unreachable(operation, "the host name does not resolve");
        }
        case SSLException tls -> {
          return unreachable(operation, "TLS failed (" + ServerText.clean(tls.getMessage()) + ")");
        }
        case JacksonException malformed -> {
          return new ArgoCdException(
              ArgoCdFailure.MALFORMED_ANSWER,
              operation,
              "Argo CD at "
                  + server
                  + " answered "
                  + operation
                  + " with JSON Fleetgate cannot read: "
                  + ServerText.clean(malformed.getOriginalMessage()));
        }
        default -> {}
      }
    }
    Throwable root = e.getCause() == null ? e : e.getCause();
    return unreachable(
        operation, root.getClass().getSimpleName() + " " + ServerText.clean(root.getMessage()));
  }

  private ArgoCdException unreachable(String operation, String why) {
    return new ArgoCdException(
        ArgoCdFailure.UNREACHABLE,
        operation,
        "Cannot reach Argo CD at "
            + server
            + " to "
            + operation
            + ": "
            + why
            + "; check the server URL and that argocd-server is running");
  }

  /** The text with the token in use, if it appears, replaced. */
  private String redacted(String text) {
    BearerToken current = token.get();
    return current == null || text == null ? text : text.replace(current.value(), "[redacted]");
  }

  /** What Argo CD said in an error body: its message, or a short excerpt of a body that is not. */
  private String said(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    body = redacted(body);
    try {
      RuntimeError error = json.readValue(body, RuntimeError.class);
      String message = error.getMessage() != null ? error.getMessage() : error.getError();
      if (message != null && !message.isBlank()) {
        return ServerText.clean(message);
      }
    } catch (JacksonException | IllegalArgumentException notJson) {
      // not gRPC-gateway's error JSON: show the start of the body instead
    }
    return ServerText.clean(body.substring(0, Math.min(body.length(), 300)));
  }
}
