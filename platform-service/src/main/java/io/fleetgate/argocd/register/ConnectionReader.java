package io.fleetgate.argocd.register;

import io.fleetgate.domain.Kubeconfig;

/**
 * Port: turns a cluster's kubeconfig into the {@link Connection} Argo CD is given, every credential
 * inline. A kubeconfig that names a file on this host, runs a plugin, disables TLS verification or
 * is malformed is refused with the reason (never a value); the adapter holds it to the same rules
 * as every kubeconfig Fleetgate reads from a Secret.
 */
public interface ConnectionReader {

  Read read(Kubeconfig kubeconfig);

  /** What reading one kubeconfig gave. */
  sealed interface Read {

    /** Usable: Argo CD can be given it. */
    record Usable(Connection connection) implements Read {}

    /** Refused, and why: the source and the field, never a value. */
    record Refused(String reason) implements Read {}
  }
}
