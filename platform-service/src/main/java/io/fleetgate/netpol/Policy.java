package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;
import java.util.List;

/**
 * A {@code networking.k8s.io/v1} NetworkPolicy as the engine reads it.
 *
 * @param podSelector the pods of {@code id.namespace()} the policy applies to
 * @param isolatesIngress whether {@code policyTypes} includes Ingress (explicitly, or by default)
 * @param isolatesEgress whether {@code policyTypes} includes Egress (explicitly, or by default when
 *     the policy has egress rules)
 * @param ingress the ingress rules, each numbered from 1 in explanations
 * @param egress the egress rules, each numbered from 1 in explanations
 * @param source where the policy is declared
 */
public record Policy(
    PolicyId id,
    LabelSelector podSelector,
    boolean isolatesIngress,
    boolean isolatesEgress,
    List<Rule> ingress,
    List<Rule> egress,
    SourceLocation source) {

  public Policy {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /** Whether the policy applies to the workload (same namespace, pod selector matches). */
  public boolean selects(Workload workload) {
    return workload.namespace().equals(id.namespace()) && podSelector.matches(workload.labels());
  }

  /** The policy's rules in one direction ({@code ingress} or {@code egress}). */
  public List<Rule> rules(Direction direction) {
    return direction == Direction.INGRESS ? ingress : egress;
  }

  public boolean isolates(Direction direction) {
    return direction == Direction.INGRESS ? isolatesIngress : isolatesEgress;
  }
}
