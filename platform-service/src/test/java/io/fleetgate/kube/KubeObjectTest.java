package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class KubeObjectTest {

  private static final String CANARY = "canary-51c0ffee";

  @Test
  void itsTextNamesKindAndNameAndCarriesNoContent() {
    KubeObject secret =
        new KubeObject(
            JsonParser.parseString(
                    "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\","
                        + "\"namespace\":\"payments\",\"annotations\":{\"kubectl.kubernetes.io/"
                        + "last-applied-configuration\":\"{\\\"data\\\":\\\""
                        + CANARY
                        + "\\\"}\"}},\"data\":{\"password\":\""
                        + CANARY
                        + "\"}}")
                .getAsJsonObject());

    assertThat(secret.toString()).isEqualTo("Secret payments/db").doesNotContain(CANARY);
    assertThat("failed: " + secret).doesNotContain(CANARY);
  }

  @Test
  void anObjectWithoutApiVersionIsNamedButNotPrinted() {
    KubeObject object =
        new KubeObject(
            JsonParser.parseString(
                    "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"annotations\":{\"a\":\""
                        + CANARY
                        + "\"}},\"stringData\":{\"k\":\""
                        + CANARY
                        + "\"}}")
                .getAsJsonObject());

    assertThatThrownBy(object::gvk)
        .hasMessageContaining("Secret db")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
  }
}
