package io.fleetgate.bench;

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
 * The baseline: the least a client can do to server-side-apply a ConfigMap — one PATCH with {@code
 * application/apply-patch+yaml}, no discovery, no records, the same parallelism as Fleetgate.
 */
final class RawApplyClient {

  /** Requests in flight per cluster: the same as Fleetgate's server-side-apply writer. */
  static final int PARALLELISM = 16;

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
   * Applies {@code count} ConfigMaps {@code prefix-N} in the namespace; returns how many failed.
   */
  int applyConfigMaps(String namespace, String prefix, int count, String value, int parallelism)
      throws Exception {
    Semaphore inFlight = new Semaphore(parallelism);
    List<Future<Integer>> results = new ArrayList<>(count);
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int n = 0; n < count; n++) {
        String name = prefix + "-" + n;
        results.add(
            workers.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    String body =
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                            + name
                            + "\",\"namespace\":\""
                            + namespace
                            + "\"},\"data\":{\"value\":\""
                            + value
                            + "\"}}";
                    HttpRequest request =
                        HttpRequest.newBuilder(
                                URI.create(
                                    server
                                        + "/api/v1/namespaces/"
                                        + namespace
                                        + "/configmaps/"
                                        + name
                                        + "?fieldManager=raw-client&force=true"))
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
}
