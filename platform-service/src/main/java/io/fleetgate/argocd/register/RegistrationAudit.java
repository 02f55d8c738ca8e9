package io.fleetgate.argocd.register;

import io.fleetgate.audit.AuditEvent;
import java.util.List;

/**
 * The audit rows of a registration run: one per Secret written or deleted — kind {@value
 * #REGISTERED} (decision {@code created} or {@code updated}, the changed fields as the detail) or
 * {@value #DEREGISTERED} (decision {@code deleted}, why as the detail); the cluster, and the object
 * {@code Secret <namespace>/<name>}. Writes refused and clusters left as they were change nothing
 * and are not recorded.
 */
public final class RegistrationAudit {

  public static final String REGISTERED = "argocd.cluster-registered";
  public static final String DEREGISTERED = "argocd.cluster-deregistered";

  private RegistrationAudit() {}

  public static List<AuditEvent> of(String namespace, List<Registrar.Result> results) {
    return results.stream()
        .filter(Registrar.Result::done)
        .map(r -> of(namespace, r.registration()))
        .toList();
  }

  private static AuditEvent of(String namespace, Registration registration) {
    String cluster = registration.cluster().toString();
    return switch (registration) {
      case Registration.Create c ->
          new AuditEvent(
              REGISTERED,
              cluster,
              "",
              "",
              object(namespace, c.secret().name()),
              "created",
              "registered in Argo CD as " + c.secret().clusterName() + " for " + server(c));
      case Registration.Update u ->
          new AuditEvent(
              REGISTERED,
              cluster,
              "",
              "",
              object(namespace, u.existing().name()),
              "updated",
              "changed " + String.join(", ", u.changed()));
      case Registration.Delete d ->
          new AuditEvent(
              DEREGISTERED,
              cluster,
              "",
              "",
              object(namespace, d.existing().name()),
              "deleted",
              switch (d.why()) {
                case CLUSTER_GONE -> "its Cluster is gone from the management cluster";
                case DUPLICATE -> "a duplicate of the cluster's registration";
              });
      case Registration.Unchanged u -> throw new IllegalArgumentException("nothing written");
      case Registration.Kept k -> throw new IllegalArgumentException("nothing written");
      case Registration.Conflict c -> throw new IllegalArgumentException("nothing written");
    };
  }

  private static String server(Registration.Create create) {
    return create.secret().connection().server();
  }

  private static String object(String namespace, String name) {
    return "Secret " + namespace + "/" + name;
  }
}
