package io.fleetgate.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.slo.MetricsSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Prometheus, queried through {@code POST /api/v1/query}. A call that has not been answered
 * whole within its deadline — a server that never answers, or trickles — is cut off; an answer
 * larger than the cap is refused. Neither takes the caller down: both are {@link
 * MetricsSource.Answer.Failed}, and the SLOs read from this Prometheus become unknown.
 */
public final class PrometheusApi implements MetricsSource {

  /** The whole-call deadline unless one is given. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  /** The largest answer read, unless one is given. */
  public static final int MAX_ANSWER_BYTES = 32 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration deadline;
  private final int maxBytes;
  private final HttpClient http;

  public PrometheusApi(URI base) {
    this(base, DEADLINE, MAX_ANSWER_BYTES);
  }

  /**
   * @throws IllegalArgumentException when {@code base} is not an http or https URL
   */
  public PrometheusApi(URI base, Duration deadline, int maxBytes) {
    String scheme = base.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || base.getHost() == null) {
      throw new IllegalArgumentException(
          base + " is not a Prometheus URL; give http://HOST:PORT or https://HOST:PORT");
    }
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.deadline = deadline;
    this.maxBytes = maxBytes;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(deadline)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public URI base() {
    return base;
  }

  @Override
  public Answer query(String promql, Instant at) {
    String form =
        "query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + at.getEpochSecond()
            + "."
            + String.format("%03d", at.getNano() / 1_000_000);
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("api/v1/query"))
            .timeout(deadline)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    CompletableFuture<HttpResponse<InputStream>> call =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    CompletableFuture<byte[]> body =
        call.thenApplyAsync(
            response -> read(response), command -> Thread.ofVirtual().start(command));
    try {
      return parse(body.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      call.cancel(true);
      body.cancel(true);
      call.thenAccept(r -> close(r.body()));
      return new Answer.Failed(base + " did not answer within " + deadline.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      return new Answer.Failed("interrupted while asking " + base);
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof java.util.concurrent.CompletionException c
              ? c.getCause()
              : e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        // The client's own timer of the same deadline fired first: the same answer as above.
        return new Answer.Failed(base + " did not answer within " + deadline.toSeconds() + " s");
      }
      return new Answer.Failed(base + " cannot be asked: " + describe(cause));
    }
  }

  private byte[] read(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new AnswerRefused("it answered more than " + (maxBytes >> 20) + " MiB");
      }
      if (response.statusCode() / 100 != 2
          && response.statusCode() != 400
          && response.statusCode() != 422) {
        throw new AnswerRefused("it answered HTTP " + response.statusCode());
      }
      return bytes;
    } catch (IOException e) {
      throw new AnswerRefused("the answer was cut off: " + e.getMessage());
    }
  }

  /** Why an answer is not used. */
  private static final class AnswerRefused extends RuntimeException {
    AnswerRefused(String message) {
      super(message, null, false, false);
    }
  }

  private Answer parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      return new Answer.Failed(base + " answered something that is not JSON");
    }
    if (root == null || !"success".equals(root.path("status").asText())) {
      return new Answer.Failed(
          base
              + " refused the query: "
              + root.path("errorType").asText("?")
              + ": "
              + oneLine(root.path("error").asText("")));
    }
    JsonNode data = root.path("data");
    if (!"vector".equals(data.path("resultType").asText())) {
      return new Answer.Failed(
          base + " answered a " + data.path("resultType").asText("?") + ", not a vector");
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode item : data.path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = item.path("metric").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> label = it.next();
        labels.put(label.getKey(), label.getValue().asText());
      }
      JsonNode value = item.path("value");
      samples.add(new Sample(labels, value(value.path(1).asText("NaN"))));
    }
    return new Answer.Samples(samples);
  }

  /** Prometheus writes sample values as strings: {@code "0.25"}, {@code "NaN"}, {@code "+Inf"}. */
  private static double value(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          yield Double.NaN;
        }
      }
    };
  }

  private static String describe(Throwable cause) {
    if (cause instanceof AnswerRefused refused) {
      return refused.getMessage();
    }
    if (cause instanceof java.net.ConnectException) {
      return "nothing answers there (connection refused)";
    }
    return cause == null
        ? "unknown failure"
        : cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage()));
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the call is abandoned
    }
  }
}
