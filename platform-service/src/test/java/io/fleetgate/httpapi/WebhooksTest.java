package io.fleetgate.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhooksTest {

  private static final byte[] SECRET =
      "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);

  @Test
  void githubSignaturesAreHmacSha256OfTheBody() {
    // The example GitHub publishes for validating webhook deliveries.
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String expected = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    assertThat(WebhookSignatures.hmac(SECRET, body)).isEqualTo(expected);
    assertThat(
            WebhookSignatures.valid(
                WebhookSignatures.Forge.GITHUB, SECRET, body, "sha256=" + expected))
        .isTrue();
    assertThat(WebhookSignatures.valid(WebhookSignatures.Forge.GITEA, SECRET, body, expected))
        .isTrue();
  }

  @Test
  void refusesMissingWrongOrMisplacedSignatures() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String good = WebhookSignatures.hmac(SECRET, body);
    assertThat(WebhookSignatures.valid(WebhookSignatures.Forge.GITHUB, SECRET, body, null))
        .isFalse();
    assertThat(WebhookSignatures.valid(WebhookSignatures.Forge.GITHUB, SECRET, body, good))
        .as("GitHub's header needs its sha256= prefix")
        .isFalse();
    assertThat(
            WebhookSignatures.valid(
                WebhookSignatures.Forge.GITHUB,
                SECRET,
                "{ }".getBytes(StandardCharsets.UTF_8),
                "sha256=" + good))
        .isFalse();
    assertThat(WebhookSignatures.valid(WebhookSignatures.Forge.GITLAB, SECRET, body, "wrong"))
        .isFalse();
    assertThat(
            WebhookSignatures.valid(
                WebhookSignatures.Forge.GITLAB,
                SECRET,
                body,
                new String(SECRET, StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(WebhookSignatures.valid(WebhookSignatures.Forge.GITEA, new byte[0], body, good))
        .as("no secret configured: nothing is valid")
        .isFalse();
  }

  @Test
  void matchesTheRepositoryWhateverTheUrlForm() throws Exception {
    var github =
        new ObjectMapper()
            .readTree(
                "{\"repository\":{\"clone_url\":\"https://github.com/acme/fleet.git\",\"ssh_url\":\"git@github.com:acme/fleet.git\"}}");
    var gitlab =
        new ObjectMapper()
            .readTree(
                "{\"project\":{\"git_http_url\":\"https://gitlab.example.com/acme/fleet.git\"}}");

    assertThat(Webhooks.repositoryUrls(github)).hasSize(2);
    assertThat(Webhooks.repositoryUrls(gitlab))
        .containsExactly("https://gitlab.example.com/acme/fleet.git");
    assertThat(
            Webhooks.sameRepository(
                "git@github.com:acme/fleet.git", "https://github.com/Acme/fleet/"))
        .isTrue();
    assertThat(
            Webhooks.sameRepository(
                "https://token@github.com/acme/fleet.git", "https://github.com/acme/fleet"))
        .isTrue();
    assertThat(Webhooks.sameRepository("file:///srv/fleet", "/srv/fleet")).isTrue();
    assertThat(
            Webhooks.sameRepository(
                "https://github.com/acme/fleet-old.git", "https://github.com/acme/fleet"))
        .isFalse();
    assertThat(Webhooks.sameRepository("", "")).isFalse();
  }

  @Test
  void redactsSecretsThatSlipIntoMessages() {
    assertThat(Redaction.redact("token fgt_abcdefghijklmnopqrstuvwxyz0123 leaked"))
        .isEqualTo("token [redacted] leaked");
    assertThat(Redaction.redact("cannot fetch https://ci:hunter2@git.example.com/fleet.git"))
        .isEqualTo("cannot fetch https://[redacted]@git.example.com/fleet.git");
    assertThat(Redaction.redact("Authorization: Bearer abc.def.ghi-123"))
        .isEqualTo("Authorization: Bearer [redacted]");
    assertThat(
            Redaction.redact(
                "key -----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY----- end"))
        .isEqualTo("key [redacted] end");
    assertThat(Redaction.redact("Deployment payments/app: 3 replicas"))
        .isEqualTo("Deployment payments/app: 3 replicas");
  }

  @Test
  void limitsEachSenderToItsBurstThenItsRate() {
    RateLimit limit = new RateLimit(0.001, 3);
    assertThat(limit.allow("a")).isTrue();
    assertThat(limit.allow("a")).isTrue();
    assertThat(limit.allow("a")).isTrue();
    assertThat(limit.allow("a")).isFalse();
    assertThat(limit.allow("b")).isTrue();
  }
}
