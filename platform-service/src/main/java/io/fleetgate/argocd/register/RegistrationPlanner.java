package io.fleetgate.argocd.register;

import io.fleetgate.cluster.ClusterDirectory.Discovery;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides what registering the fleet in Argo CD does, from what is observed now: the discovery and
 * the cluster Secrets in Argo CD's namespace. The rules:
 *
 * <ul>
 *   <li>Fleetgate changes and deletes only Secrets it made ({@link ClusterSecret#registeredBy()});
 *       any other cluster Secret is never touched.
 *   <li>A cluster whose server another Secret or an earlier CAPI Cluster already registers is a
 *       {@link Registration.Conflict}: no second registration.
 *   <li>A cluster declared but unusable now (kubeconfig Secret unreadable, kubeconfig refused) is
 *       {@link Registration.Kept}: its registration stays as it is. Only a Secret whose CAPI
 *       Cluster is gone from the discovery is deleted.
 * </ul>
 */
public final class RegistrationPlanner {

  private final ConnectionReader connections;

  public RegistrationPlanner(ConnectionReader connections) {
    this.connections = connections;
  }

  public RegistrationPlan plan(Discovery discovery, List<ClusterSecret> existing) {
    Map<ClusterId, List<ClusterSecret>> own = new TreeMap<>();
    List<ClusterSecret> others = new ArrayList<>();
    for (ClusterSecret secret : existing) {
      secret
          .registeredBy()
          .ifPresentOrElse(
              id -> own.computeIfAbsent(id, k -> new ArrayList<>()).add(secret),
              () -> others.add(secret));
    }
    List<Registration> plan = new ArrayList<>();
    // A server Fleetgate registered for a cluster that still exists stays that cluster's: a
    // newcomer claiming it is the conflict, whatever the order of their names.
    Map<String, ClusterId> servers = new HashMap<>();
    java.util.Set<ClusterId> present = new java.util.HashSet<>();
    discovery.clusters().forEach(a -> present.add(ClusterId.of(a.target())));
    discovery.unusable().forEach(t -> present.add(ClusterId.of(t)));
    own.forEach(
        (id, secrets) -> {
          if (present.contains(id)) {
            secrets.forEach(s -> servers.putIfAbsent(Connection.sameServer(s.server()), id));
          }
        });
    List<ClusterAccess> clusters =
        discovery.clusters().stream()
            .sorted(Comparator.comparing(a -> ClusterId.of(a.target())))
            .toList();
    for (ClusterAccess access : clusters) {
      ClusterId id = ClusterId.of(access.target());
      Optional<ClusterSecret> current = primary(id, own.remove(id), plan);
      plan.add(register(access, id, current, others, servers));
    }
    for (ClusterTarget unusable : discovery.unusable()) {
      ClusterId id = ClusterId.of(unusable);
      Optional<ClusterSecret> current = primary(id, own.remove(id), plan);
      plan.add(new Registration.Kept(id, current, problemOf(discovery, unusable)));
    }
    own.forEach(
        (id, gone) ->
            gone.forEach(
                s ->
                    plan.add(
                        new Registration.Delete(id, s, Registration.Delete.Why.CLUSTER_GONE))));
    return new RegistrationPlan(plan);
  }

  private Registration register(
      ClusterAccess access,
      ClusterId id,
      Optional<ClusterSecret> current,
      List<ClusterSecret> others,
      Map<String, ClusterId> servers) {
    if (!ClusterLabels.validValue(id.namespace()) || !ClusterLabels.validValue(id.name())) {
      return new Registration.Kept(
          id,
          current,
          "its namespace or name is longer than a label value may be (63 characters), so its"
              + " Secret could not name it");
    }
    Connection connection;
    switch (connections.read(access.kubeconfig())) {
      case ConnectionReader.Read.Refused refused -> {
        return new Registration.Kept(id, current, "its kubeconfig is refused: " + refused.reason());
      }
      case ConnectionReader.Read.Usable usable -> connection = usable.connection();
    }
    String server = Connection.sameServer(connection.server());
    Optional<ClusterSecret> handMade =
        others.stream()
            .filter(s -> Connection.sameServer(s.server()).equals(server))
            .min(Comparator.comparing(ClusterSecret::name));
    if (handMade.isPresent()) {
      return new Registration.Conflict(
          id, connection.server(), "Secret " + handMade.get().name(), current);
    }
    ClusterId holder = servers.putIfAbsent(server, id);
    if (holder != null && !holder.equals(id)) {
      return new Registration.Conflict(id, connection.server(), "Cluster " + holder, current);
    }
    List<String> copied = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    var labels = ClusterLabels.of(access.target(), copied, dropped);
    DesiredSecret desired =
        new DesiredSecret(
            current.map(ClusterSecret::name).orElse(SecretNames.of(id)),
            id.toString(),
            connection,
            labels,
            copied);
    if (current.isEmpty()) {
      return new Registration.Create(id, desired, dropped);
    }
    List<String> changed = changed(current.get(), desired);
    return changed.isEmpty()
        ? new Registration.Unchanged(id, current.get())
        : new Registration.Update(id, current.get(), desired, changed, dropped);
  }

  /** The fields of the Secret that differ from what is wanted; names only. */
  static List<String> changed(ClusterSecret current, DesiredSecret desired) {
    List<String> changed = new ArrayList<>();
    if (!current.clusterName().equals(desired.clusterName())) {
      changed.add("name");
    }
    if (!current.server().equals(desired.connection().server())) {
      changed.add("server");
    }
    current
        .config()
        .ifPresentOrElse(
            config -> changed.addAll(desired.connection().config().changedFrom(config)),
            () -> changed.add("config"));
    boolean labelsDiffer =
        desired.labels().entrySet().stream()
                .anyMatch(e -> !e.getValue().equals(current.labels().get(e.getKey())))
            || current.copiedLabels().stream()
                .anyMatch(k -> !desired.labels().containsKey(k) && current.labels().containsKey(k))
            || !current.copiedLabels().equals(desired.copiedLabels());
    if (labelsDiffer) {
      changed.add("labels");
    }
    return changed;
  }

  /**
   * The Secret to keep for a cluster: the one with the cluster's own name, else the first by name;
   * any other Fleetgate Secret for the same cluster is a duplicate and goes.
   */
  private static Optional<ClusterSecret> primary(
      ClusterId id, List<ClusterSecret> secrets, List<Registration> plan) {
    if (secrets == null || secrets.isEmpty()) {
      return Optional.empty();
    }
    String wanted = SecretNames.of(id);
    ClusterSecret kept =
        secrets.stream()
            .filter(s -> s.name().equals(wanted))
            .findFirst()
            .orElse(secrets.stream().min(Comparator.comparing(ClusterSecret::name)).orElseThrow());
    secrets.stream()
        .filter(s -> s != kept)
        .forEach(s -> plan.add(new Registration.Delete(id, s, Registration.Delete.Why.DUPLICATE)));
    return Optional.of(kept);
  }

  private static String problemOf(Discovery discovery, ClusterTarget cluster) {
    String named = "Cluster " + cluster.qualifiedName() + " ";
    return discovery.problems().stream()
        .filter(p -> p.startsWith(named))
        .findFirst()
        .map(p -> "its kubeconfig cannot be read (" + p + ")")
        .orElse("its kubeconfig Secret cannot be read");
  }
}
