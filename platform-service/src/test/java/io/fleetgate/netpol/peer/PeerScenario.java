package io.fleetgate.netpol.peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cross-check scenario, written once and fed to both analysers: a model of namespaces and pods,
 * NetworkPolicies as a user writes them, the probed ports, and the verdicts the {@code
 * networking.k8s.io/v1} semantics give ({@link #expect}). Where Cyclonus is known to answer
 * otherwise, {@link #cyclonusDeviation} holds the rules that give its answer and the reason.
 */
record PeerScenario(
    String name,
    String why,
    ClusterModel model,
    List<PortProtocol> probes,
    List<Map<String, Object>> policies,
    List<ExpectRule> expect,
    Optional<Deviation> cyclonusDeviation) {

  /** Where and why Cyclonus departs from the specification in this scenario. */
  record Deviation(String reason, List<ExpectRule> rules) {}

  /** Every cell of the scenario: each ordered pair of pods on each probe. */
  List<Verdict.Cell> cells() {
    List<Verdict.Cell> cells = new ArrayList<>();
    for (PortProtocol probe : probes) {
      for (PodRef source : model.refs()) {
        for (PodRef destination : model.refs()) {
          cells.add(new Verdict.Cell(source, destination, probe));
        }
      }
    }
    return cells;
  }

  /** The verdict of the specification. */
  Connectivity expected(Verdict.Cell cell) {
    return apply(expect, Connectivity.ALLOWED, cell);
  }

  /** The verdict Cyclonus is expected to print: the specification's, or its known deviation. */
  Connectivity expectedOfCyclonus(Verdict.Cell cell) {
    Connectivity spec = expected(cell);
    return cyclonusDeviation.map(d -> apply(d.rules(), spec, cell)).orElse(spec);
  }

  /**
   * The policies as Cyclonus needs them: with {@code spec.policyTypes} filled in where the author
   * left it out, as the API server defaults it ({@code Ingress}, plus {@code Egress} when the
   * policy has egress rules).
   */
  List<Map<String, Object>> policiesWithTypes() {
    List<Map<String, Object>> typed = new ArrayList<>();
    for (Map<String, Object> policy : policies) {
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) policy.get("spec");
      if (spec == null || spec.containsKey("policyTypes")) {
        typed.add(policy);
        continue;
      }
      Map<String, Object> defaulted = new LinkedHashMap<>(spec);
      Object egress = spec.get("egress");
      defaulted.put(
          "policyTypes",
          egress instanceof List<?> rules && !rules.isEmpty()
              ? List.of("Ingress", "Egress")
              : List.of("Ingress"));
      Map<String, Object> copy = new LinkedHashMap<>(policy);
      copy.put("spec", defaulted);
      typed.add(copy);
    }
    return typed;
  }

  private static Connectivity apply(List<ExpectRule> rules, Connectivity start, Verdict.Cell cell) {
    Connectivity verdict = start;
    for (ExpectRule rule : rules) {
      if (rule.matches(cell)) {
        verdict = Connectivity.of(rule.allow());
      }
    }
    return verdict;
  }

  @Override
  public String toString() {
    return name;
  }
}
