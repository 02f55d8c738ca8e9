package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.Kubeconfig;
import org.junit.jupiter.api.Test;

class KubeClientsTest {

  private static final String CLUSTER =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: c
        cluster:
          server: https://127.0.0.1:6443
          %s
      users:
      - name: u
        user:
          %s
      contexts:
      - name: c
        context: {cluster: c, user: u}
      current-context: c
      """;

  @Test
  void refusesExecCredentialPluginsByDefault() {
    Kubeconfig kubeconfig =
        kubeconfig(
            "certificate-authority-data: AAAA",
            "exec: {command: /bin/steal, apiVersion: client.authentication.k8s.io/v1}");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("Secret fleet/x-kubeconfig")
        .hasMessageContaining("credential plugin");
  }

  @Test
  void refusesAuthProviderPluginsByDefault() {
    Kubeconfig kubeconfig =
        kubeconfig("certificate-authority-data: AAAA", "auth-provider: {name: gcp}");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .hasMessageContaining("credential plugin");
  }

  @Test
  void refusesDisabledTlsVerificationByDefault() {
    Kubeconfig kubeconfig = kubeconfig("insecure-skip-tls-verify: true", "token: abc");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("insecure-skip-tls-verify");
  }

  @Test
  void acceptsDisabledTlsVerificationWhenAllowedExplicitly() {
    Kubeconfig kubeconfig = kubeconfig("insecure-skip-tls-verify: true", "token: abc");

    assertThat(new KubeClients(new KubeconfigPolicy(false, true)).connect(kubeconfig).getBasePath())
        .isEqualTo("https://127.0.0.1:6443");
  }

  @Test
  void namesTheSourceOfMalformedYamlWithoutEchoingItsContent() {
    Kubeconfig kubeconfig = new Kubeconfig("/tmp/broken.kubeconfig", "users: [token: s3cr3t\n");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("/tmp/broken.kubeconfig")
        .hasMessageContaining("not valid YAML");
  }

  private static Kubeconfig kubeconfig(String clusterLine, String userLine) {
    return new Kubeconfig("Secret fleet/x-kubeconfig", CLUSTER.formatted(clusterLine, userLine));
  }
}
