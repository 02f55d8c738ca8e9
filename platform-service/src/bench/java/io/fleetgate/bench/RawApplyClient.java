package io.fleetgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The baseline: the least a client can do to server-side-apply core objects — one PATCH with {@code
 * application/apply-patch+yaml} per object, no discovery, no records, the same parallelism as
 * Fleetgate. Also reads ConfigMaps back, so that benchmarks can check what a cluster holds.
 */
final class RawApplyClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String server;
  private final String token;

  RawApplyClient(Path kubeconfig) throws Exception {
    Map<String, Object> config = new Yaml().load(Files.readString(kubeconfig));
    Map<?, ?> cluster =
        (Map<?, ?>) ((Map<?, ?>) ((List<?>) config.get("clusters")).get(0)).get("cluster");
    Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) ((List<?>) config.get("users")).get(0)).get("user");
    server = (String) cluster.get("server");
    token = (String) user.get("token");
    byte[] ca = Base64.getDecoder().decode((String) cluster.get("certificate-authority-data"));
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate cert :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(ca))) {
      store.setCertificateEntry("ca" + i++, cert);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(tls).build();
  }

  /**
   * Applies {@code count} ConfigMaps {@code prefix-N} with one key {@code value}; returns how many
   * failed.
   */
  int applyConfigMaps(String namespace, String prefix, int count, String value, int parallelism)
      throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      objects.add(
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              "ConfigMap",
              "metadata",
              Map.of("name", prefix + "-" + n, "namespace", namespace),
              "data",
              Map.of("value", value)));
    }
    return apply(objects, parallelism);
  }

  /**
   * Applies core v1 Namespaces and ConfigMaps as given, {@code parallelism} requests in flight;
   * returns how many the API server refused.
   */
  int apply(List<Map<String, Object>> objects, int parallelism) throws Exception {
    Semaphore inFlight = new Semaphore(parallelism);
    List<Future<Integer>> results = new ArrayList<>(objects.size());
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Map<String, Object> object : objects) {
        String body = JSON.writeValueAsString(object);
        URI uri = URI.create(server + path(object) + "?fieldManager=raw-client&force=true");
        results.add(
            workers.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    HttpRequest request =
                        HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/apply-patch+yaml")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    int status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    return status / 100 == 2 ? 0 : 1;
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      int failed = 0;
      for (Future<Integer> result : results) {
        failed += result.get();
      }
      return failed;
    }
  }

  /** The ConfigMaps of a namespace as the cluster holds them: name → value of {@code key}. */
  Map<String, String> configMapValues(String namespace, String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server + "/api/v1/namespaces/" + namespace + "/configmaps"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "listing ConfigMaps in " + namespace + " on " + server + ": " + response.statusCode());
    }
    Map<String, String> values = new HashMap<>();
    for (JsonNode item : JSON.readTree(response.body()).path("items")) {
      values.put(item.path("metadata").path("name").asText(), item.path("data").path(key).asText());
    }
    return values;
  }

  private static String path(Map<String, Object> object) {
    Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
    String name = (String) metadata.get("name");
    return switch ((String) object.get("kind")) {
      case "Namespace" -> "/api/v1/namespaces/" + name;
      case "ConfigMap" -> "/api/v1/namespaces/" + metadata.get("namespace") + "/configmaps/" + name;
      default ->
          throw new IllegalArgumentException(
              "the raw client applies Namespaces and ConfigMaps only");
    };
  }
}
