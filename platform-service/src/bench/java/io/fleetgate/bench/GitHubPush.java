package io.fleetgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers push events the way GitHub does: a JSON push payload POSTed with {@code X-GitHub-Event:
 * push}, a delivery id and {@code X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>}, signed
 * here independently of the platform's own signature check — or unsigned, as GitHub sends them for
 * a webhook without a secret.
 */
final class GitHubPush {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI hook;
  private final byte[] secret;
  private final String cloneUrl;
  private final String htmlUrl;

  /**
   * @param hook the platform's {@code /hooks/github}
   * @param cloneUrl the repository address the platform syncs, as the payload names it
   */
  GitHubPush(HttpClient http, URI hook, byte[] secret, String cloneUrl) {
    this(http, hook, secret.clone(), cloneUrl, null);
  }

  private GitHubPush(HttpClient http, URI hook, byte[] secret, String cloneUrl, String htmlUrl) {
    this.http = http;
    this.hook = hook;
    this.secret = secret;
    this.cloneUrl = cloneUrl;
    this.htmlUrl = htmlUrl;
  }

  /**
   * Unsigned deliveries that also name the repository's web page ({@code html_url}), which is what
   * Argo CD's webhook handler matches against its Applications' {@code repoURL}.
   */
  static GitHubPush unsigned(HttpClient http, URI hook, String htmlUrl, String cloneUrl) {
    return new GitHubPush(http, hook, null, cloneUrl, htmlUrl);
  }

  /** A signed delivery of a push of {@code after} onto {@code before} to main. */
  HttpRequest delivery(String before, String after, String message) throws Exception {
    Map<String, Object> author = Map.of("name", "Ana Operator", "email", "ana@example.com");
    Map<String, Object> commit = new LinkedHashMap<>();
    commit.put("id", after);
    commit.put("message", message);
    commit.put("timestamp", Instant.now().toString());
    commit.put("author", author);
    commit.put("committer", author);
    commit.put("modified", List.of("bench/config-maps.yaml"));
    Map<String, Object> repository = new LinkedHashMap<>();
    repository.put("id", 81_000_001);
    repository.put("name", "fleet");
    repository.put("full_name", "acme/fleet");
    repository.put("private", true);
    repository.put("default_branch", "main");
    repository.put("clone_url", cloneUrl);
    if (htmlUrl != null) {
      repository.put("html_url", htmlUrl);
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("ref", "refs/heads/main");
    payload.put("before", before);
    payload.put("after", after);
    payload.put("created", false);
    payload.put("deleted", false);
    payload.put("forced", false);
    payload.put("repository", repository);
    payload.put("pusher", author);
    payload.put("sender", Map.of("login", "ana-operator", "type", "User"));
    payload.put("head_commit", commit);
    payload.put("commits", List.of(commit));
    byte[] body = JSON.writeValueAsBytes(payload);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hook)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("User-Agent", "GitHub-Hookshot/bench")
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", UUID.randomUUID().toString());
    if (secret != null) {
      request.header("X-Hub-Signature-256", "sha256=" + hmac(body));
    }
    return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  /** Sends a delivery and returns the answer as it is. */
  HttpResponse<String> post(HttpRequest delivery) throws Exception {
    return http.send(delivery, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends a delivery and fails unless the platform accepted it as a push of its repository. */
  void send(HttpRequest delivery) throws Exception {
    HttpResponse<String> response = post(delivery);
    if (response.statusCode() != 202 || !response.body().contains("refresh requested")) {
      throw new IllegalStateException(
          "the platform did not accept the push delivery: "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  private String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  /** A GitHub-style webhook secret: 32 random bytes, hex-encoded, as the bytes of that text. */
  static byte[] newSecret() {
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
  }
}
