package io.fleetgate.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.List;

/**
 * Webhook bodies as a signed sender could send them: each is a JSON object whose repository URLs
 * are compared, or refused with 400 — never another exception. Runs over the committed corpus in
 * the normal test suite; {@code JAZZER_FUZZ=1} explores (docs/fuzzing.md).
 */
class WebhookPayloadFuzzTest {

  private static final ObjectReader STRICT = Webhooks.strictReader(ApiServer.mapper());

  @FuzzTest(maxDuration = "60s")
  void aPayloadIsAnObjectOrRefusedWith400(byte[] body) {
    JsonNode payload;
    try {
      payload = Webhooks.payload(STRICT, body);
    } catch (ApiError e) {
      assertThat(e.status).isEqualTo(400);
      return;
    }
    List<String> urls = Webhooks.repositoryUrls(payload);
    for (String url : urls) {
      Webhooks.sameRepository(url, "https://git.example.com/fleet.git");
    }
  }
}
