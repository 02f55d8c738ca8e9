package io.fleetgate.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Renders an admin kubeconfig for one sandbox API server. */
final class KubeconfigFile {

  private KubeconfigFile() {}

  /**
   * @param cluster the context and cluster name
   * @param server the API server URL
   * @param caPem the PEM certificate(s) that sign the server's serving certificate
   * @param token the admin bearer token
   */
  static String render(String cluster, String server, String caPem, String token) {
    String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority-data: %3$s
        users:
        - name: %1$s-admin
          user:
            token: %4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s-admin
        current-context: %1$s
        """
        .formatted(cluster, server, ca, token);
  }
}
