package io.fleetgate.kube;

import io.fleetgate.domain.Kubeconfig;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;

/** Builds API clients from kubeconfigs after checking them against a {@link KubeconfigPolicy}. */
public final class KubeClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The deadline of one whole call — connecting, sending, and reading the full answer — so that a
   * server that answers a byte at a time never holds a sync past it.
   */
  public static final Duration CALL_DEADLINE = Duration.ofSeconds(60);

  private final KubeconfigPolicy policy;
  private final Duration callDeadline;

  public KubeClients(KubeconfigPolicy policy) {
    this(policy, CALL_DEADLINE);
  }

  /**
   * @param callDeadline the deadline of one whole call (see {@link #CALL_DEADLINE})
   */
  public KubeClients(KubeconfigPolicy policy, Duration callDeadline) {
    if (callDeadline.isNegative() || callDeadline.isZero()) {
      throw new IllegalArgumentException("a call deadline must be positive");
    }
    this.policy = policy;
    this.callDeadline = callDeadline;
  }

  /**
   * Returns a client for the kubeconfig's current context.
   *
   * @throws KubeException when the kubeconfig is malformed or asks for something the policy
   *     refuses; the message names the kubeconfig's source and the remedy
   */
  public ApiClient connect(Kubeconfig kubeconfig) {
    checkPolicy(kubeconfig);
    try {
      KubeConfig config = KubeConfig.loadKubeConfig(new StringReader(kubeconfig.content()));
      ApiClient client = ClientBuilder.kubeconfig(config).setReadTimeout(READ_TIMEOUT).build();
      client.setHttpClient(
          client
              .getHttpClient()
              .newBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .callTimeout(callDeadline)
              .build());
      return client;
    } catch (IOException | RuntimeException e) {
      throw new KubeException(
          "Cannot use the kubeconfig from " + kubeconfig.source() + ": " + e.getMessage(), e);
    }
  }

  /** A generic API for the kubeconfig's current context; see {@link #connect}. */
  public ClusterApi api(Kubeconfig kubeconfig) {
    return new ClusterApi(connect(kubeconfig));
  }

  private void checkPolicy(Kubeconfig kubeconfig) {
    KubeconfigChecks.check(kubeconfig, policy);
  }
}
