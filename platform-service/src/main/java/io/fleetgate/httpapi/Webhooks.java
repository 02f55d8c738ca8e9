package io.fleetgate.httpapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.api.PlatformApi;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/{github|gitlab|gitea}}: a signed push event for the platform's repository
 * triggers a sync now. Unsigned or wrongly signed requests are refused (401) before their body is
 * parsed; malformed bodies are refused (400); pushes to other repositories are acknowledged and
 * ignored; each sender is rate-limited (429).
 */
final class Webhooks {

  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  private final PlatformApi platform;
  private final byte[] secret;
  private final RateLimit limit;

  /** Refuses a body with anything after its JSON value, which Jackson ignores by default. */
  private final com.fasterxml.jackson.databind.ObjectReader strict;

  Webhooks(PlatformApi platform, byte[] secret, ApiSettings.WebhookRate rate, ObjectMapper json) {
    this.platform = platform;
    this.secret = secret;
    this.limit = new RateLimit(rate.perSecond(), rate.burst());
    this.strict = strictReader(json);
  }

  void receive(Context ctx) {
    WebhookSignatures.Forge forge = WebhookSignatures.Forge.parse(ctx.pathParam("forge"));
    if (!limit.allow(ctx.ip())) {
      count(forge, "rate-limited");
      throw new ApiError(429, "too many webhook deliveries from " + ctx.ip() + "; slow down");
    }
    byte[] body = ctx.bodyAsBytes();
    String signature =
        switch (forge) {
          case GITHUB -> ctx.header("X-Hub-Signature-256");
          case GITEA -> ctx.header("X-Gitea-Signature");
          case GITLAB -> ctx.header("X-Gitlab-Token");
        };
    if (!WebhookSignatures.valid(forge, secret, body, signature)) {
      count(forge, "refused");
      throw new ApiError(
          401,
          secret.length == 0
              ? "webhooks are off: start the server with a webhook secret (FLEETGATE_WEBHOOK_SECRET)"
              : "the webhook signature is missing or wrong");
    }
    String event =
        switch (forge) {
          case GITHUB -> ctx.header("X-GitHub-Event");
          case GITEA -> ctx.header("X-Gitea-Event");
          case GITLAB -> ctx.header("X-Gitlab-Event");
        };
    if (forge == WebhookSignatures.Forge.GITHUB && "ping".equals(event)) {
      ctx.json(Map.of("result", "pong"));
      return;
    }
    List<String> urls;
    try {
      urls = repositoryUrls(payload(strict, body));
    } catch (ApiError e) {
      count(forge, "malformed");
      throw e;
    }
    if (urls.stream().noneMatch(url -> sameRepository(url, platform.repository()))) {
      count(forge, "ignored");
      ctx.status(202).json(Map.of("result", "ignored: not the repository this platform syncs"));
      return;
    }
    count(forge, "refreshed");
    log.info("{} push webhook for {}: syncing now", forge, platform.repository());
    platform.refresh(forge.name().toLowerCase(Locale.ROOT) + " push webhook");
    ctx.status(202).json(Map.of("result", "refresh requested"));
  }

  /**
   * The push payload: one JSON object and nothing after it, within Jackson's limits on nesting,
   * number and string lengths.
   *
   * @throws ApiError 400 for anything else
   */
  static JsonNode payload(com.fasterxml.jackson.databind.ObjectReader strict, byte[] body) {
    JsonNode payload;
    try {
      payload = strict.readTree(body);
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("the webhook body is not JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw ApiError.badRequest("the webhook body must be a JSON object");
    }
    return payload;
  }

  /** The reader {@link #payload} uses. */
  static com.fasterxml.jackson.databind.ObjectReader strictReader(ObjectMapper json) {
    return json.reader()
        .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static void count(WebhookSignatures.Forge forge, String result) {
    Metrics.counter(
            "fleetgate.webhooks", "forge", forge.name().toLowerCase(Locale.ROOT), "result", result)
        .increment();
  }

  /** The repository URLs a push payload names (GitHub, Gitea and GitLab field names). */
  static List<String> repositoryUrls(JsonNode payload) {
    List<String> urls = new ArrayList<>();
    for (String object : List.of("repository", "project")) {
      JsonNode repo = payload.path(object);
      for (String field :
          List.of(
              "clone_url",
              "ssh_url",
              "html_url",
              "git_url",
              "git_http_url",
              "git_ssh_url",
              "web_url",
              "url")) {
        if (repo.path(field).isTextual()) {
          urls.add(repo.path(field).asText());
        }
      }
    }
    return urls;
  }

  /** Compares repository addresses ignoring scheme, user, a trailing .git or slash, and case. */
  static boolean sameRepository(String a, String b) {
    String left = normalise(a);
    return !left.isEmpty() && left.equals(normalise(b));
  }

  private static String normalise(String url) {
    String text = url.trim().toLowerCase(Locale.ROOT);
    if (text.startsWith("file://")) {
      text = text.substring("file://".length());
    } else if (text.startsWith("git@")) {
      text = text.substring(4).replaceFirst(":", "/");
    } else {
      try {
        URI uri = URI.create(text);
        if (uri.getHost() != null) {
          text = uri.getHost() + uri.getPath();
        }
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    text = text.replaceAll("/+$", "");
    return text.endsWith(".git") ? text.substring(0, text.length() - 4) : text;
  }
}
