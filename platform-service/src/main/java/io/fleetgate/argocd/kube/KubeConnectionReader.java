package io.fleetgate.argocd.kube;

import io.fleetgate.argocd.register.ArgoConfig;
import io.fleetgate.argocd.register.Connection;
import io.fleetgate.argocd.register.ConnectionReader;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.InlineCredentials;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeconfigCredentials;

/**
 * Reads a kubeconfig with {@link KubeconfigCredentials}: the strict policy every kubeconfig from a
 * Secret meets, then its current context's credentials inline.
 */
public final class KubeConnectionReader implements ConnectionReader {

  @Override
  public Read read(Kubeconfig kubeconfig) {
    try {
      InlineCredentials credentials = KubeconfigCredentials.read(kubeconfig);
      return new Read.Usable(
          new Connection(
              credentials.server(),
              new ArgoConfig(
                  credentials.token(),
                  credentials.caData(),
                  credentials.certData(),
                  credentials.keyData(),
                  credentials.tlsServerName())));
    } catch (KubeException e) {
      return new Read.Refused(e.getMessage());
    }
  }
}
