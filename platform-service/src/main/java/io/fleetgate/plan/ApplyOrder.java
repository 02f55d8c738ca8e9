package io.fleetgate.plan;

import io.fleetgate.domain.ObjectRef;
import java.util.Comparator;
import java.util.Map;

/** The order in which kinds are applied: what others depend on comes first; prune reverses it. */
public final class ApplyOrder {

  private static final Map<String, Integer> RANK =
      Map.ofEntries(
          Map.entry("apiextensions.k8s.io/CustomResourceDefinition", 0),
          Map.entry("/Namespace", 1),
          Map.entry("/ServiceAccount", 2),
          Map.entry("rbac.authorization.k8s.io/ClusterRole", 2),
          Map.entry("rbac.authorization.k8s.io/ClusterRoleBinding", 2),
          Map.entry("rbac.authorization.k8s.io/Role", 2),
          Map.entry("rbac.authorization.k8s.io/RoleBinding", 2),
          Map.entry("/ResourceQuota", 3),
          Map.entry("/LimitRange", 3),
          Map.entry("/ConfigMap", 4),
          Map.entry("/Secret", 4));

  private static final int WORKLOADS = 5;

  /** Apply order: rank, then kind, namespace and name, so runs are deterministic. */
  public static final Comparator<ObjectRef> APPLY =
      Comparator.comparingInt(ApplyOrder::rank)
          .thenComparing(ObjectRef::kind)
          .thenComparing(ObjectRef::namespace)
          .thenComparing(ObjectRef::name);

  /** Prune order: the reverse, so workloads go before their namespace and CRDs go last. */
  public static final Comparator<ObjectRef> PRUNE = APPLY.reversed();

  private ApplyOrder() {}

  public static int rank(ObjectRef ref) {
    return RANK.getOrDefault(ref.group() + "/" + ref.kind(), WORKLOADS);
  }
}
