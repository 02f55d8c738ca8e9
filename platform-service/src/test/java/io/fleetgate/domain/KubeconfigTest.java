package io.fleetgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubeconfigTest {

  @Test
  void neverPrintsItsCredentials() {
    Kubeconfig kubeconfig =
        new Kubeconfig("Secret fleet/a-kubeconfig", "users:\n- user:\n    token: s3cr3t\n");

    assertThat(kubeconfig.toString())
        .doesNotContain("s3cr3t")
        .contains("Secret fleet/a-kubeconfig")
        .contains("redacted");
  }
}
