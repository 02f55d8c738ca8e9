package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetgate.domain.Kubeconfig;
import java.nio.charset.StandardCharsets;

/**
 * Kubeconfigs as the author of a {@code <cluster>-kubeconfig} Secret could write them, through the
 * strict policy Secrets get: each connects (no request is sent) or is refused with a {@link
 * KubeException} naming its source — never another exception, and never quoting the token it
 * carries. Runs over the committed corpus in the normal test suite; {@code JAZZER_FUZZ=1} explores
 * (docs/fuzzing.md).
 */
class KubeconfigFuzzTest {

  private static final String SOURCE = "Secret fleet/fuzz-kubeconfig";
  private static final String TOKEN = "fuzzcanary0d1e2a3d4b5e6e7f";
  private static final String HEAD =
      """
      apiVersion: v1
      kind: Config
      current-context: fuzz
      contexts:
        - name: fuzz
          context: {cluster: fuzz, user: fuzz}
      users:
        - name: fuzz
          user:
            token: %s
      """
          .formatted(TOKEN);

  private final KubeClients clients = new KubeClients(KubeconfigPolicy.strict());

  @FuzzTest(maxDuration = "60s")
  void aKubeconfigConnectsOrIsRefusedByName(byte[] text) {
    connect(new String(text, StandardCharsets.UTF_8));
  }

  @FuzzTest(maxDuration = "60s")
  void aRefusalNeverQuotesTheToken(byte[] tail) {
    String message = connect(HEAD + new String(tail, StandardCharsets.UTF_8));
    assertThat(message).doesNotContain(TOKEN);
  }

  /** The refusal's message, or "" when the kubeconfig was accepted. */
  private String connect(String text) {
    try {
      clients.connect(new Kubeconfig(SOURCE, text));
      return "";
    } catch (KubeException e) {
      assertThat(e.getMessage()).contains(SOURCE);
      return e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
    }
  }
}
