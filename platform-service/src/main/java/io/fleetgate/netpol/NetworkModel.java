package io.fleetgate.netpol;

import java.util.ArrayList;
import java.util.List;

/**
 * What the engine analyses: one cluster's namespaces, workloads and NetworkPolicies. A workload's
 * namespace that no Namespace declares is taken to exist with only its name label.
 */
public record NetworkModel(
    List<Namespace> namespaces, List<Workload> workloads, List<Policy> policies) {

  public NetworkModel {
    namespaces = List.copyOf(namespaces);
    workloads = List.copyOf(workloads);
    policies = List.copyOf(policies);
  }

  /** The same model with the policy added, or replacing the one of the same id. */
  public NetworkModel withPolicy(Policy policy) {
    List<Policy> changed = new ArrayList<>(policies.size() + 1);
    boolean replaced = false;
    for (Policy p : policies) {
      if (p.id().equals(policy.id())) {
        changed.add(policy);
        replaced = true;
      } else {
        changed.add(p);
      }
    }
    if (!replaced) {
      changed.add(policy);
    }
    return new NetworkModel(namespaces, workloads, changed);
  }

  /** The same model without the policy. */
  public NetworkModel withoutPolicy(PolicyId id) {
    return new NetworkModel(
        namespaces, workloads, policies.stream().filter(p -> !p.id().equals(id)).toList());
  }
}
