package io.fleetgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the value of {@code fleetgate.main.decision}: {@code {"deny": [...], "warn": [...]}}. */
public final class DecisionDocument {

  private DecisionDocument() {}

  /**
   * @throws PolicyException when the value does not have that shape
   */
  public static PolicyDecision parse(JsonNode decision, String engine) throws PolicyException {
    if (decision == null
        || !decision.isObject()
        || !decision.path("deny").isArray()
        || !decision.path("warn").isArray()) {
      throw new PolicyException(engine + " answered without a decision {deny, warn}: " + decision);
    }
    return new PolicyDecision(
        findings(decision.get("deny"), engine), findings(decision.get("warn"), engine));
  }

  private static List<Finding> findings(JsonNode items, String engine) throws PolicyException {
    List<Finding> findings = new ArrayList<>();
    for (JsonNode item : items) {
      JsonNode policy = item.get("policy");
      JsonNode message = item.get("msg");
      if (policy == null || message == null) {
        throw new PolicyException(engine + " answered a finding without policy and msg: " + item);
      }
      findings.add(
          new Finding(
              policy.asText(), message.isTextual() ? message.asText() : message.toString()));
    }
    // Sets come back in engine-specific order; sort so every adapter reports the same list.
    findings.sort(Comparator.comparing(Finding::policy).thenComparing(Finding::message));
    return findings;
  }
}
