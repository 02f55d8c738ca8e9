package io.fleetgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads the running platform's state over its HTTP API, for benchmarks' convergence checks. */
final class PlatformApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final String token;

  PlatformApiClient(HttpClient http, URI base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  /** Waits for {@code /readyz}: the first sync has finished. */
  void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (get("/readyz").statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the platform was not ready within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  /**
   * Fails unless the latest recorded run synced every one of {@code clusters} without failures.
   *
   * @param commit the commit the run must have synced, or null for any
   */
  void requireLatestRunConverged(String commit, Collection<String> clusters) throws Exception {
    HttpResponse<String> response = get("/api/v1/runs/latest");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v1/runs/latest: " + response.statusCode());
    }
    JsonNode run = JSON.readTree(response.body());
    if (commit != null && !commit.equals(run.path("commit").asText())) {
      throw new IllegalStateException(
          "the latest run synced " + run.path("commit").asText() + ", not " + commit);
    }
    TreeSet<String> synced = new TreeSet<>();
    for (JsonNode cluster : run.path("clusters")) {
      if (!EngineSeam.convergedWord(cluster.path("outcome").asText())
          || cluster.path("failed").asInt() != 0) {
        throw new IllegalStateException(
            "the latest run did not converge on "
                + cluster.path("cluster").asText()
                + ": "
                + cluster);
      }
      synced.add(cluster.path("cluster").asText());
    }
    if (!synced.containsAll(clusters)) {
      throw new IllegalStateException(
          "the latest run synced " + synced + ", not every one of " + new TreeSet<>(clusters));
    }
  }

  /**
   * Sums each named sample over all its series in {@code /metrics} (Prometheus text), e.g. {@code
   * fleetgate_git_fetch_seconds_sum}; a name may select one label, as {@code name{label="value"}};
   * a name without samples sums to 0.
   */
  Map<String, Double> metricSums(List<String> names) throws Exception {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics: " + response.statusCode());
    }
    Map<String, Double> sums = new HashMap<>();
    names.forEach(name -> sums.put(name, 0.0));
    for (String line : response.body().split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int end = line.indexOf('{');
      String name = line.substring(0, end >= 0 ? end : line.indexOf(' '));
      double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      if (sums.containsKey(name)) {
        sums.merge(name, value, Double::sum);
      }
      // A name with one label, e.g. fleetgate_reconcile_phase_seconds_sum{phase="apply"}.
      for (String wanted : names) {
        int brace = wanted.indexOf('{');
        if (brace > 0
            && wanted.substring(0, brace).equals(name)
            && line.contains(wanted.substring(brace + 1, wanted.length() - 1))) {
          sums.merge(wanted, value, Double::sum);
        }
      }
    }
    return sums;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
