package io.fleetgate.app;

import io.fleetgate.argocd.kube.KubeClusterSecrets;
import io.fleetgate.argocd.kube.KubeConnectionReader;
import io.fleetgate.argocd.register.ClusterSecrets;
import io.fleetgate.argocd.register.Registrar;
import io.fleetgate.argocd.register.Registration;
import io.fleetgate.argocd.register.RegistrationAudit;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.kube.ClusterApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fleet registered in Argo CD while {@code serve} runs: each run registers every cluster
 * discovered now and removes the Secrets of Clusters that are gone, and records each Secret written
 * or deleted in the audit log ({@code argocd.cluster-registered}, {@code
 * argocd.cluster-deregistered}). The log says what changed and what could not be registered, names
 * and reasons only.
 */
public final class ArgoRegistrations {

  private static final Logger log = LoggerFactory.getLogger(ArgoRegistrations.class);

  private final Registrar registrar;
  private final AuditLog audit;
  private final String namespace;

  public ArgoRegistrations(Registrar registrar, AuditLog audit, String namespace) {
    this.registrar = registrar;
    this.audit = audit;
    this.namespace = namespace;
  }

  /** Registrations in Argo CD's namespace of the management cluster. */
  public static ArgoRegistrations on(
      ClusterApi management, ClusterDirectory directory, AuditLog audit, String namespace) {
    return new ArgoRegistrations(
        new Registrar(
            directory, new KubeClusterSecrets(management, namespace), new KubeConnectionReader()),
        audit,
        namespace);
  }

  /** One run: plan, write, record. */
  public Registrar.Outcome runOnce() {
    Registrar.Outcome outcome = registrar.register();
    var events = RegistrationAudit.of(namespace, outcome.results());
    if (!events.isEmpty()) {
      audit.append(events);
    }
    for (Registrar.Result result : outcome.results()) {
      if (result.write() instanceof ClusterSecrets.Write.Refused refused) {
        log.warn(
            "Argo CD registration of {} not written: {}",
            result.registration().cluster(),
            refused.reason());
      } else {
        log.info(
            "Argo CD registration of {}: {}",
            result.registration().cluster(),
            result.registration().outcome().word());
      }
    }
    outcome.plan().registrations().stream()
        .filter(Registration::notRegistered)
        .forEach(r -> log.warn("Argo CD registration: {}", lineOf(outcome, r)));
    return outcome;
  }

  private static String lineOf(Registrar.Outcome outcome, Registration registration) {
    int index = outcome.plan().registrations().indexOf(registration);
    return outcome.plan().lines().get(index);
  }
}
