package io.fleetgate.argocd.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.argocd.register.ArgoConfig;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigJsonTest {

  @Test
  void writesArgoCdsClusterConfigWithTlsVerificationOn() {
    assertThat(ConfigJson.write(new ArgoConfig("t", "Q0E=", "", "", "api.internal")))
        .isEqualTo(
            "{\"bearerToken\":\"t\",\"tlsClientConfig\":{\"insecure\":false,\"caData\":\"Q0E=\","
                + "\"serverName\":\"api.internal\"}}");
    assertThat(ConfigJson.write(new ArgoConfig("", "Q0E=", "Q0VSVA==", "S0VZ", "")))
        .isEqualTo(
            "{\"tlsClientConfig\":{\"insecure\":false,\"caData\":\"Q0E=\","
                + "\"certData\":\"Q0VSVA==\",\"keyData\":\"S0VZ\"}}");
  }

  static Stream<ArgoConfig> configs() {
    return Stream.of(
        new ArgoConfig("t", "Q0E=", "", "", ""),
        new ArgoConfig("", "Q0E=", "Q0VSVA==", "S0VZ", "api.internal"),
        new ArgoConfig("", "", "", "", ""));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void readsBackWhatItWrites(ArgoConfig config) {
    assertThat(ConfigJson.read(ConfigJson.write(config))).hasValue(config);
  }

  @ParameterizedTest
  @MethodSource("foreign")
  void anyOtherShapeIsNotReadSoTheSecretIsWrittenAgain(String json) {
    assertThat(ConfigJson.read(json)).isEmpty();
  }

  static Stream<String> foreign() {
    return Stream.of(
        "{\"bearerToken\":\"t\",\"tlsClientConfig\":{\"insecure\":true}}",
        "{\"bearerToken\":\"t\",\"execProviderConfig\":{\"command\":\"/bin/x\"}}",
        "{\"tlsClientConfig\":{\"caFile\":\"/etc/ca\"}}",
        "{\"bearerToken\":7}",
        "{\"tlsClientConfig\":[]}",
        "[]",
        "not json {",
        "");
  }
}
