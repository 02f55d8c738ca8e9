package io.fleetgate.argocd.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgoCdEndpointTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://argocd.example.com",
        "https://argocd.example.com/argo-cd/",
        "http://127.0.0.1:8080",
        "http://127.1.2.3:8080",
        "http://localhost:8080",
        "http://[::1]:8080"
      })
  void acceptsHttpsAnywhereAndPlainHttpOnlyToLoopback(String url) {
    assertThat(ArgoCdEndpoint.of(URI.create(url)).baseUri()).doesNotEndWith("/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://argocd.example.com",
        "http://10.0.0.5:8080",
        "http://127.0.0.1.nip.io:8080",
        "http://localhost.example.com",
        "http://[::2]:8080"
      })
  void refusesPlainHttpToAnotherMachineWithTheRemedy(String url) {
    assertThatThrownBy(() -> ArgoCdEndpoint.of(URI.create(url)))
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MISCONFIGURED))
        .hasMessageContaining("would send the Argo CD token unencrypted: use https://");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://admin:password@argocd.example.com",
        "https://argocd.example.com/?token=x"
      })
  void refusesCredentialsInTheUrlWithoutRepeatingThem(String url) {
    assertThatThrownBy(() -> ArgoCdEndpoint.of(URI.create(url)))
        .hasMessageContaining("must not hold credentials")
        .message()
        .doesNotContain("password", "token=x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://argocd.example.com", "argocd.example.com:443", "file:///etc/passwd"})
  void refusesWhatIsNotAnHttpUrl(String url) {
    assertThatThrownBy(() -> ArgoCdEndpoint.of(URI.create(url)))
        .hasMessageContaining("is not an http(s) URL");
  }
}
