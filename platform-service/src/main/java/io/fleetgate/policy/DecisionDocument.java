package io.fleetgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the values of the bundle's entrypoints: {@code {"deny": [...], "warn": [...]}}. */
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

  /**
   * Reads the value of {@code fleetgate.main.changeset}: findings that also name their object.
   *
   * @throws PolicyException when the value does not have that shape
   */
  public static ChangeSetDecision parseChangeSet(JsonNode decision, String engine)
      throws PolicyException {
    if (decision == null
        || !decision.isObject()
        || !decision.path("deny").isArray()
        || !decision.path("warn").isArray()) {
      throw new PolicyException(
          engine + " answered without a change-set decision {deny, warn}: " + decision);
    }
    return new ChangeSetDecision(
        objectFindings(decision.get("deny"), engine), objectFindings(decision.get("warn"), engine));
  }

  private static List<ChangeSetDecision.ObjectFinding> objectFindings(JsonNode items, String engine)
      throws PolicyException {
    List<ChangeSetDecision.ObjectFinding> findings = new ArrayList<>();
    for (JsonNode item : items) {
      JsonNode object = item.path("object");
      if (!object.path("kind").isTextual() || !object.path("name").isTextual()) {
        throw new PolicyException(
            engine
                + " answered a change-set finding without object {kind, namespace, name}: "
                + item);
      }
      Finding finding = findings(PolicyInput.JSON.createArrayNode().add(item), engine).getFirst();
      findings.add(
          new ChangeSetDecision.ObjectFinding(
              object.get("kind").asText(),
              object.path("namespace").asText(""),
              object.get("name").asText(),
              finding));
    }
    findings.sort(
        Comparator.comparing((ChangeSetDecision.ObjectFinding f) -> f.finding().policy())
            .thenComparing(f -> f.finding().message()));
    return findings;
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
